import { fileURLToPath } from 'node:url';

/** A file of the `shared/` folder that sits beside the project (`../shared`), as on CI. */
export function sharedFile(relative: string): string {
  return fileURLToPath(new URL(`../../shared/${relative}`, import.meta.url));
}
