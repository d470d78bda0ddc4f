import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { CatalogError, loadCatalog } from '../../../src/adapters/catalog/load-catalog.js';
import { CatalogEntry } from '../../../src/domain/catalog.js';
import { hugeString, mutated, nastyString } from './support/mutate.js';
import { describeCase, fuzz, scratchDir, timeoutFor } from './support/settings.js';

const dir = scratchDir('fuzz-catalog-');
const shipped = JSON.parse(
  readFileSync(new URL('../../../catalog/integrations.json', import.meta.url), 'utf8'),
) as {
  integrations: Record<string, unknown>[];
};

/** Valid files (shipped entries, renamed and trimmed), their mutations, other JSON, text and bytes. */
const contents: fc.Arbitrary<{ kind: string; bytes: Uint8Array | string }> = fc.oneof(
  {
    weight: 6,
    arbitrary: mutated(
      fc
        .subarray(shipped.integrations, { minLength: 0 })
        .chain((entries) =>
          fc.tuple(
            fc.constant(entries),
            fc.array(fc.stringMatching(/^[a-z0-9][a-z0-9-]{0,10}$/), {
              minLength: entries.length,
              maxLength: entries.length,
            }),
          ),
        )
        .map(([entries, ids]) => ({ integrations: entries.map((e, i) => ({ ...e, id: ids[i] ?? e.id })) })),
      fc.oneof(
        nastyString,
        fc.constantFrom('*.', 'zoom.us', 'failed', '2027-01-01T00:00:00Z', '2027-13-45T99:00:00Z'),
      ),
    ).map((json) => ({ kind: 'json', bytes: String(JSON.stringify(json)) })),
  },
  fc.jsonValue().map((json) => ({ kind: 'any json', bytes: String(JSON.stringify(json)) })),
  nastyString.map((text) => ({ kind: 'text', bytes: text })),
  fc.uint8Array({ maxLength: 200 }).map((bytes) => ({ kind: 'bytes', bytes })),
  hugeString().map((s) => ({
    kind: 'huge',
    bytes: `{"integrations":[{"id":"big","name":"${s.replace(/["\\]/g, '')}","vendor":"v"}]}`,
  })),
  fc.constantFrom({ kind: 'missing', bytes: '' }, { kind: 'directory', bytes: '' }),
);

let n = 0;
function fileFor(c: { kind: string; bytes: Uint8Array | string }): string {
  const file = join(dir, `catalog-${n++}.json`);
  if (c.kind === 'directory') mkdirSync(file);
  else if (c.kind !== 'missing') writeFileSync(file, c.bytes);
  return file;
}

describe('fuzz: CATALOG_FILE contents through the catalog loader', () => {
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('accepts a valid file or refuses it with an error naming the file, never another exception', {
    timeout: timeoutFor(),
  }, async () => {
    const property = fc.asyncProperty(contents, async (c) => {
      const file = fileFor(c);
      let loaded: ReturnType<typeof loadCatalog> | undefined;
      try {
        loaded = loadCatalog({ catalogFile: file });
      } catch (error) {
        const refusedClearly =
          error instanceof CatalogError &&
          error.message.includes(file) &&
          error.message.includes('CATALOG_FILE');
        if (!refusedClearly)
          throw new Error(`${c.kind} ${describeCase(c.bytes)}: ${(error as Error)?.stack ?? String(error)}`);
        return;
      } finally {
        rmSync(file, { recursive: true, force: true });
      }
      // Accepted: every entry is one the schema accepts, the file's ids among them.
      for (const entry of loaded) expect(CatalogEntry.safeParse(entry).success).toBe(true);
      const ids = new Set(loaded.map((e) => e.id));
      const mine = (JSON.parse(String(c.bytes)) as { integrations: { id: string }[] }).integrations;
      expect(mine.every((e) => ids.has(e.id))).toBe(true);
    });
    await fuzz('catalog file', property);
  });
});
