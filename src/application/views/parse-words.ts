import type { ParseRefusal } from '../commands/command.js';
import { message } from './format.js';
import type { MessageView } from './view.js';

/**
 * The one place a message that is not a command is answered in words (English today): every
 * reason of `ParseRefusal` (commands/command.ts), and the line that owns up to a forgiven typo.
 * The sibling of `refusal-words.ts`, which words every reason a use case refuses for.
 */

/** The sentence of a parse refusal, and the commands it offers to try. */
export function parseRefusalWords(r: ParseRefusal): { text: string; tryLines: string[] } {
  const say = (text: string, tryLines: string[] = []) => ({ text, tryLines });
  switch (r.reason) {
    case 'empty':
      return say('Say "help" to see what I can do.', ['help']);
    case 'command-too-long':
      return say(`That message is too long (${r.length} characters; at most ${r.max}).`);
    case 'unknown-command':
      return say(`I don't know "${r.word.slice(0, 40)}".`, r.nearest.length ? r.nearest : ['help']);
    case 'did-you-mean':
      return say(`Did you mean "${r.meant}"?`, [r.meant]);
    case 'missing-integration':
      return say(`Which integration? For example: ${r.command} jira`, r.usage);
    case 'missing-provider':
      return say('Which provider? skype, hangouts or none.', r.usage);
    case 'integration-add-expected':
      return say('Say "integration add <name>", optionally with "link <host>".', r.usage);
    case 'missing-groups':
      return say('Name the groups after "for", or say "for all".', r.usage);
    case 'missing-scope':
      return say('Say for whom: enable <name> for all, or for <group>.', r.usage);
    case 'reason-required':
      return say(
        r.command === 'block'
          ? `A reason is required: it is told to everyone who asks for it. block ${r.integration ?? '<name>'} because <reason>`
          : `A reason is required: deny ${r.integration ?? '<name>'} because <reason>`,
        r.usage,
      );
    case 'missing-admin-change':
      return say('Say add or remove, and who.', r.usage);
    case 'missing-group-change':
      return say('Say which group and what to do.', r.usage);
    case 'id-too-long':
      return say(
        `That id is too long: at most ${r.max} characters after "${r.prefix}". Nothing was changed.`,
      );
  }
}

/** A parse refusal as the message its sender reads: a warning, with a "Try:" line per command. */
export function parseRefusalView(r: ParseRefusal): MessageView {
  const { text, tryLines } = parseRefusalWords(r);
  return message(
    'warning',
    text,
    tryLines.map((line) => `Try: ${line}`),
  );
}

/** The line shown above the answer to a command whose first word had one typo forgiven. */
export function correctionView(corrected: { from: string; to: string }): MessageView {
  return message('info', `(Took "${corrected.from}" as "${corrected.to}".)`);
}
