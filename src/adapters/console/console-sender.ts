import type { Sender } from '../../application/ports/sender.js';
import type { View } from '../../application/views/view.js';
import { renderText } from './render-text.js';

/** Prints notices meant for console people and conversations, as the console's "inbox". */
export function createConsoleSender(input: { write: (text: string) => void }): Sender {
  let counter = 0;
  const show = (target: string, view: View, verb: string) => {
    counter += 1;
    input.write(`\n📬 ${verb} ${target.slice('console:'.length)}:\n${renderText(view)}\n`);
    return { ok: true as const, messageId: `console-${counter}` };
  };
  return {
    limits: [],
    post: async ({ target, view }) => show(target, view, 'to'),
    update: async ({ target, view }) => show(target, view, 'updated for'),
  };
}
