/** Teams: 7 messages a second and 60 per 30 seconds per conversation (docs/product.md#admin-channels-and-notices). Kept apart so it loads without botbuilder. */
export const TEAMS_LIMITS = [
  { count: 7, perMs: 1_000 },
  { count: 60, perMs: 30_000 },
] as const;
