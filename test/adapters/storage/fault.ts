import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import { FAULT_FILE_ENV } from '../../../src/adapters/storage/fault-injection.js';

/** Injected disk faults (STORE_FAULT_FILE): `set('ENOSPC audit')` fails matching writes until `clear()`. */
export function useDiskFaults(dirFor: () => Promise<string>) {
  let file: string | null = null;
  afterEach(() => {
    delete process.env[FAULT_FILE_ENV];
    file = null;
  });
  return {
    set: async (fault: string) => {
      file ??= join(await dirFor(), 'fault');
      process.env[FAULT_FILE_ENV] = file;
      await writeFile(file, fault);
    },
    clear: async () => {
      if (file) await rm(file, { force: true });
    },
  };
}
