import { mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { resolveSigningSecret, SECRET_FILE_NAME } from '../../../src/adapters/security/secret-file.js';
import { FAULT_FILE_ENV } from '../../../src/adapters/storage/fault-injection.js';
import { writeFileDurably } from '../../../src/adapters/storage/index.js';
import { useTempDirs } from '../storage/temp-dir.js';

const tempDir = useTempDirs();

afterEach(() => {
  delete process.env[FAULT_FILE_ENV];
});

describe('resolveSigningSecret', () => {
  it('makes a secret once, written through the durable writer with mode 600, and reads it back later', async () => {
    const dataDir = await tempDir();
    const writes: { file: string; mode: number }[] = [];
    const secret = await resolveSigningSecret({
      configured: null,
      dataDir,
      write: async (file, data, options) => {
        writes.push({ file, mode: options.mode });
        await writeFileDurably(file, data, options);
      },
    });
    expect(writes).toEqual([{ file: join(dataDir, SECRET_FILE_NAME), mode: 0o600 }]);
    expect((await stat(join(dataDir, SECRET_FILE_NAME))).mode & 0o777).toBe(0o600);
    const again = await resolveSigningSecret({ configured: null, dataDir, write: writeFileDurably });
    expect(again).toBe(secret);
    expect(secret.length).toBeGreaterThanOrEqual(32);
  });

  it('leaves no empty or partial secret when the disk refuses the write', async () => {
    const dataDir = await tempDir();
    const faultFile = join(dataDir, 'fault');
    await writeFile(faultFile, 'ENOSPC secret');
    process.env[FAULT_FILE_ENV] = faultFile;
    await expect(
      resolveSigningSecret({ configured: null, dataDir, write: writeFileDurably }),
    ).rejects.toMatchObject({ code: 'ENOSPC' });
    expect(await readdir(dataDir)).toEqual(['fault']);
  });

  it('refuses to replace a secret file it cannot read, rather than voiding every signed link', async () => {
    const dataDir = await tempDir();
    await mkdir(join(dataDir, SECRET_FILE_NAME));
    await expect(
      resolveSigningSecret({ configured: null, dataDir, write: writeFileDurably }),
    ).rejects.toMatchObject({ code: 'EISDIR' });
  });

  it('replaces a secret too short to be one it made, and prefers STATE_SECRET when set', async () => {
    const dataDir = await tempDir();
    await writeFile(join(dataDir, SECRET_FILE_NAME), 'short\n');
    const made = await resolveSigningSecret({ configured: null, dataDir, write: writeFileDurably });
    expect((await readFile(join(dataDir, SECRET_FILE_NAME), 'utf8')).trim()).toBe(made);
    const configured = 'x'.repeat(40);
    expect(await resolveSigningSecret({ configured, dataDir, write: writeFileDurably })).toBe(configured);
  });
});
