/**
 * The versioned SQL migrations kept in `migrations/postgres/` at the package root, beside
 * `catalog/` and `cards/`: this file sits four levels below the root both as `src/…/*.ts` (tsx)
 * and as `dist/…/*.js` (compiled), so one relative path finds them in both.
 */
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const MIGRATIONS_DIR = fileURLToPath(new URL('../../../../migrations/postgres/', import.meta.url));

/** One migration file: `0001_initial.sql` → version 1, name `initial`. */
export interface Migration {
  version: number;
  name: string;
  sql: string;
  /** sha256 of the SQL, recorded when applied, so an edited migration is noticed. */
  checksum: string;
}

const FILE = /^(\d{4})_([a-z0-9_]+)\.sql$/;

/** The migrations of `dir` in version order; a stray file or a version used twice is refused. */
export async function loadMigrations(dir: string = MIGRATIONS_DIR): Promise<Migration[]> {
  const files = (await readdir(dir)).filter((f) => !f.startsWith('.')).sort();
  const migrations: Migration[] = [];
  for (const file of files) {
    const m = FILE.exec(file);
    if (!m?.[1] || !m[2]) throw new Error(`${join(dir, file)}: migration files are named 0001_name.sql`);
    const version = Number(m[1]);
    if (migrations.some((x) => x.version === version))
      throw new Error(`${dir}: two migrations have version ${m[1]}`);
    const sql = await readFile(join(dir, file), 'utf8');
    const checksum = createHash('sha256').update(sql).digest('hex');
    migrations.push({ version, name: m[2], sql, checksum });
  }
  return migrations;
}
