import { randomBytes } from 'node:crypto';
import type { IdSource } from '../../application/ports/id-source.js';

/** Ids from the operating system's cryptographic random source. */
export const randomIds: IdSource = { random: (bytes) => randomBytes(bytes).toString('base64url') };
