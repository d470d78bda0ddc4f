import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Template } from 'adaptivecards-templating';
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

const require = createRequire(import.meta.url);
let TemplateClass: typeof Template | null = null;

/**
 * The templating engine, loaded with the first card rather than at start-up: it brings
 * adaptive-expressions, the largest module tree the bot loads (about 30 MiB and a good part of
 * the start-up time), which a bot serving only Slack never needs.
 */
function templateClass(): typeof Template {
  TemplateClass ??= (require('adaptivecards-templating') as { Template: typeof Template }).Template;
  return TemplateClass;
}

const cache = new Map<ViewKind, Template>();
let directory: string | null = null;

/** The parsed template cards/<kind>.json, read once per process. */
export function templateOf(kind: ViewKind): Template {
  const cached = cache.get(kind);
  if (cached) return cached;
  directory ??= cardsDirectory();
  const template = new (templateClass())(JSON.parse(readFileSync(join(directory, `${kind}.json`), 'utf8')));
  cache.set(kind, template);
  return template;
}
