/** `chat.postMessage`: about one message a second per channel (docs/product.md#admin-channels-and-notices). Kept apart so it loads without Bolt. */
export const SLACK_LIMITS = [{ count: 1, perMs: 1_000 }] as const;
