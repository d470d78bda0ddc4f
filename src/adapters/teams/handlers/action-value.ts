import { z } from 'zod';
import { inputValuesOf } from '../cards/input-ids.js';

/** Input fields a card may carry next to its ids (deny reason, chosen groups, chosen requests and their reason). */
const INPUT_IDS = ['reason', 'groups', 'requests', 'bulkReason'] as const;
const IGNORED = new Set(['verb', 'msteams', 'action']);

const Fields = z.record(z.string(), z.unknown());

/** `adaptiveCard/action` invoke value: `{ action: { type: 'Action.Execute', verb, data } }`. */
export const ExecuteValue = z.object({
  action: z.object({
    type: z.literal('Action.Execute'),
    verb: z.string().min(1).max(100),
    data: Fields.optional().nullable(),
  }),
  trigger: z.enum(['manual', 'automatic']).optional(),
});

/** `Action.Submit` fallback: the message activity's value is `{ verb, …ids, …inputs }`. */
export const SubmitValue = Fields.and(z.object({ verb: z.string().min(1).max(100) }));

export interface CardAction {
  verb: string;
  data: Record<string, unknown>;
  inputs: Record<string, unknown>;
}

/** Splits a card's merged data into the ids it carried and the values typed into its inputs. */
export function splitCardData(verb: string, fields: Record<string, unknown>): CardAction {
  const data: Record<string, unknown> = {};
  const inputs: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(inputValuesOf(fields))) {
    if (IGNORED.has(key)) continue;
    if ((INPUT_IDS as readonly string[]).includes(key)) inputs[key] = value;
    else data[key] = value;
  }
  return { verb, data, inputs };
}

/** Reads an `adaptiveCard/action` invoke value; null when malformed. */
export function parseExecute(value: unknown): CardAction | null {
  const parsed = ExecuteValue.safeParse(value);
  if (!parsed.success) return null;
  return splitCardData(parsed.data.action.verb, parsed.data.action.data ?? {});
}

/** Reads an `Action.Submit` value; null when it is not a card action. */
export function parseSubmit(value: unknown): CardAction | null {
  const parsed = SubmitValue.safeParse(value);
  if (!parsed.success) return null;
  return splitCardData(parsed.data.verb, parsed.data);
}
