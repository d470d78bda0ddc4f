/** Where unguessable ids come from (request ids, nonces of signed links). */
export interface IdSource {
  /** `bytes` random bytes as URL-safe text without padding. */
  random(bytes: number): string;
}
