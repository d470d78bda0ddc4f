import { USAGE } from '../commands/command.js';
import type { HelpView } from './view.js';

/** `help`: every command for admins; members see theirs first and a note on the rest. */
export function buildHelp(forAdmin: boolean): HelpView {
  const commands = USAGE.filter((u) => forAdmin || !u.admin).map(({ usage, description }) => ({
    usage,
    description,
  }));
  return { kind: 'help', forAdmin, commands };
}
