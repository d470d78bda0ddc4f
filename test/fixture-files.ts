import { fileURLToPath } from 'node:url';

/** A file under `test/fixtures/`: published schemas and host configs kept verbatim (see its README). */
export function fixtureFile(relative: string): string {
  return fileURLToPath(new URL(`./fixtures/${relative}`, import.meta.url));
}
