import { z } from 'zod';
import { MAX_REASON_LENGTH } from './limits.js';

/** What can be wrong with a reason; the schema's issue messages are these codes. */
export type ReasonProblem = 'reason-required' | 'reason-too-long';

/**
 * The reason rule (docs/product.md#requests): a reason is trimmed, must say something, and holds at most
 * MAX_REASON_LENGTH characters. A denial needs one; a request may go without (`parseReason`).
 */
export const Reason = z
  .string({ error: 'reason-required' satisfies ReasonProblem })
  .trim()
  .min(1, 'reason-required' satisfies ReasonProblem)
  .max(MAX_REASON_LENGTH, 'reason-too-long' satisfies ReasonProblem);

/** How a form shows the reason field: required, and as long as the rule allows. */
export const REASON_FIELD = { required: true, maxLength: MAX_REASON_LENGTH } as const;

export function isReasonProblem(value: unknown): value is ReasonProblem {
  return value === 'reason-required' || value === 'reason-too-long';
}

/**
 * A reason checked against the rule; with `optional`, a missing or blank one is no reason
 * (null) rather than a problem.
 */
export function parseReason(
  text: unknown,
  options: { optional?: boolean } = {},
): { ok: true; reason: string | null } | { ok: false; problem: ReasonProblem } {
  if (options.optional && (text == null || (typeof text === 'string' && !text.trim())))
    return { ok: true, reason: null };
  const parsed = Reason.safeParse(text);
  if (parsed.success) return { ok: true, reason: parsed.data };
  const message = parsed.error.issues[0]?.message;
  return { ok: false, problem: isReasonProblem(message) ? message : 'reason-required' };
}
