import type { Actor, Engine, Origin } from '../../application/engine.js';
import type { View } from '../../application/views/view.js';
import { renderTextWithActions, type TextAction } from './render-text.js';

/** What the console needs from a person typing: one line at a time, and a way to ask for a field. */
export interface ConsoleIo {
  write(text: string): void;
  ask(question: string): Promise<string>;
}

const PERSON = /^console:[a-z0-9._-]{1,40}$/i;

export const CONSOLE_HELP = [
  'Console: type any bot command (try "help"). Also:',
  '  /as <name>        act as another person (console:<name>)',
  '  /in <channel>     talk in a channel (#<channel>); /dm goes back to your direct messages',
  '  1, 2, …           press the numbered button of the last card',
  '  /quit             leave',
].join('\n');

/**
 * One console conversation: who is typing, where, and the buttons of the last card.
 * It translates lines into engine calls and views into text; it decides nothing.
 */
export function createConsoleSession(input: { engine: Engine; io: ConsoleIo; as: string }) {
  let actor: Actor = { id: input.as, name: input.as.slice('console:'.length) };
  let channel: string | null = null;
  let buttons: TextAction[] = [];
  const origin = (): Origin =>
    channel
      ? { conversationId: `console:#${channel}`, kind: 'channel', name: `#${channel}` }
      : { conversationId: actor.id, kind: 'personal', name: null };

  const show = (views: View[]) => {
    for (const view of views) {
      const rendered = renderTextWithActions(view);
      if (rendered.actions.length) buttons = rendered.actions;
      input.io.write(`${rendered.text}\n`);
    }
  };

  async function press(action: TextAction): Promise<void> {
    const values: Record<string, unknown> = { ...action.chosen };
    for (const field of action.inputs ?? []) {
      const hint =
        field.kind === 'choices' ? ` (${field.choices.map((c) => c.value).join(', ')}; comma-separated)` : '';
      values[field.id] = (await input.io.ask(`${field.label}${hint}: `)).trim();
    }
    const reply = await input.engine.handleAction({
      actor,
      origin: origin(),
      verb: action.verb,
      data: action.data,
      inputs: values,
    });
    show([reply.card, reply.privateCard, ...reply.views].filter((v): v is View => Boolean(v)));
  }

  /** Handles one typed line; returns false when the person wants to leave. */
  async function handleLine(line: string): Promise<boolean> {
    const text = line.trim();
    if (!text) return true;
    if (text === '/quit' || text === '/exit') return false;
    if (text === '/help') {
      input.io.write(`${CONSOLE_HELP}\n`);
      return true;
    }
    const as = /^\/as\s+(\S+)$/.exec(text);
    if (as?.[1]) {
      const id = as[1].startsWith('console:') ? as[1] : `console:${as[1]}`;
      if (!PERSON.test(id))
        input.io.write('A console name uses letters, digits, dots, dashes or underscores.\n');
      else {
        actor = { id, name: id.slice('console:'.length) };
        buttons = [];
        input.io.write(`You are now ${actor.name}.\n`);
      }
      return true;
    }
    const into = /^\/in\s+#?([a-z0-9_-]{1,40})$/i.exec(text);
    if (into?.[1]) {
      channel = into[1].toLowerCase();
      input.io.write(`You are now in #${channel}.\n`);
      return true;
    }
    if (text === '/dm') {
      channel = null;
      input.io.write('Back in your direct messages.\n');
      return true;
    }
    const number = /^\d{1,2}$/.test(text) ? Number(text) : null;
    if (number !== null) {
      const action = buttons[number - 1];
      if (action) await press(action);
      else input.io.write(`There is no button ${number} on the last card.\n`);
      return true;
    }
    show((await input.engine.handleText({ actor, origin: origin(), text })).views);
    return true;
  }

  return { handleLine, prompt: () => `${actor.name}${channel ? ` in #${channel}` : ''}> ` };
}
