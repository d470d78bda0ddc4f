/** Signs small payloads into URL-safe tokens and checks them back (consent state, export links). */
export interface StateSigner {
  sign(payload: Record<string, unknown>): string;
  /** The payload when the token is intact and was signed by us; null otherwise. */
  verify(token: string): Record<string, unknown> | null;
}
