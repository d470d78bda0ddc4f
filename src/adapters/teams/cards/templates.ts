import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Template } from 'adaptivecards-templating';
import type { ViewKind } from '../../../application/views/view.js';

/** The directory holding package.json and cards/, found upwards from this module (source or built output). */
function cardsDirectory(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'cards'))) return join(dir, 'cards');
    const parent = dirname(dir);
    if (parent === dir) throw new Error('cards/ not found above the Teams card adapter');
    dir = parent;
  }
}

const cache = new Map<ViewKind, Template>();
let directory: string | null = null;

/** The parsed template cards/<kind>.json, read once per process. */
export function templateOf(kind: ViewKind): Template {
  const cached = cache.get(kind);
  if (cached) return cached;
  directory ??= cardsDirectory();
  const template = new Template(JSON.parse(readFileSync(join(directory, `${kind}.json`), 'utf8')));
  cache.set(kind, template);
  return template;
}
