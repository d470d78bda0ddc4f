/** Seals secrets kept at rest (OAuth tokens, PKCE verifiers) so the data directory never holds them in clear. */
export interface SecretBox {
  seal(plain: string): string;
  /** The sealed text opened, or null when it was not sealed with this key or was altered. */
  open(sealed: string): string | null;
}
