import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The signing secret: STATE_SECRET when set, otherwise one made once per data directory
 * and kept in `<dataDir>/secret` (mode 600), so links survive restarts without configuration.
 */
export function resolveSigningSecret(input: { configured: string | null; dataDir: string }): string {
  if (input.configured) return input.configured;
  const file = join(input.dataDir, 'secret');
  try {
    const existing = readFileSync(file, 'utf8').trim();
    if (existing.length >= 32) return existing;
  } catch {
    // No secret yet: make one below.
  }
  mkdirSync(input.dataDir, { recursive: true });
  const secret = randomBytes(32).toString('base64url');
  writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  return secret;
}
