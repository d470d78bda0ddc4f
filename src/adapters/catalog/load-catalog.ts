import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type CatalogEntry, CatalogFile, mergeCatalog } from '../../domain/catalog.js';

const SHIPPED = fileURLToPath(new URL('../../../catalog/integrations.json', import.meta.url));

export class CatalogError extends Error {
  readonly code = 'catalog-invalid';
}

function readCatalogFile(path: string, label: string): CatalogEntry[] {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (cause) {
    throw new CatalogError(`${label} (${path}) could not be read as JSON: ${(cause as Error).message}`, {
      cause,
    });
  }
  const parsed = CatalogFile.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new CatalogError(
      `${label} (${path}) is invalid at ${issue?.path.join('.') || 'the top'}: ${issue?.message}`,
    );
  }
  const ids = new Set<string>();
  for (const entry of parsed.data.integrations) {
    if (ids.has(entry.id)) throw new CatalogError(`${label} (${path}) lists "${entry.id}" twice.`);
    ids.add(entry.id);
  }
  return parsed.data.integrations;
}

/** The shipped catalog, with CATALOG_FILE's entries added or replacing shipped ones by id; read at start-up. */
export function loadCatalog(input: { catalogFile: string | null; shippedFile?: string }): CatalogEntry[] {
  const shipped = readCatalogFile(input.shippedFile ?? SHIPPED, 'The shipped catalog');
  if (!input.catalogFile) return shipped;
  return mergeCatalog(shipped, readCatalogFile(input.catalogFile, 'CATALOG_FILE'));
}
