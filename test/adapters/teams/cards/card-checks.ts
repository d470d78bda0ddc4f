import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as AC from 'adaptivecards';
import { Ajv } from 'ajv';
import * as addFormatsModule from 'ajv-formats';
import { fixtureFile } from '../../../fixture-files.js';

const require = createRequire(import.meta.url);
type Json = Record<string, unknown>;

const schema = JSON.parse(readFileSync(fixtureFile('schemas/adaptive-card-1.5.schema.json'), 'utf8')) as Json;
const definitions = schema.definitions as Record<string, Json>;
const hostConfig = new AC.HostConfig(
  JSON.parse(readFileSync(fixtureFile('host-configs/microsoft-teams-light.json'), 'utf8')),
);

// ajv-formats is CommonJS with a `default` export; under nodenext its types put the plugin on `.default`.
const addFormats = addFormatsModule.default as unknown as (ajv: Ajv) => Ajv;

// The schema is draft-06 (its own `$schema`), so ajv 8 needs that meta-schema; `strict: false` because the
// schema uses annotations (`version`, `examples`) that ajv does not know.
const ajv = new Ajv({ strict: false, allErrors: true });
addFormats(ajv);
ajv.addMetaSchema(require('ajv/dist/refs/json-schema-draft-06.json'));
// The file names itself with draft-04's `id`, which ajv 8 refuses; the copy in memory uses `$id` instead.
const { id: schemaId, ...schemaBody } = schema;
const validate = ajv.compile({ $id: String(schemaId), ...schemaBody });

/** Errors of the official Adaptive Card 1.5 JSON schema, as readable lines. */
export function schemaErrors(card: Json): string[] {
  if (validate(card)) return [];
  return (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);
}

/** Warnings of the `adaptivecards` library parsing the card for its declared version and the Teams host config. */
export function libraryProblems(card: Json): string[] {
  const parsed = new AC.AdaptiveCard();
  parsed.hostConfig = hostConfig;
  const version = AC.Version.parse(String(card.version), new AC.SerializationContext());
  const context = new AC.SerializationContext(version);
  parsed.parse(card, context);
  const problems = Array.from(
    { length: context.eventCount },
    (_, i) => context.getEventAt(i)?.message ?? '?',
  );
  return [...problems, ...parsed.validateProperties().validationEvents.map((e) => e.message)];
}

function versionOf(text: unknown): number {
  return typeof text === 'string' ? Number(text) : 0;
}

/** The version a property of a schema type appeared in, following `allOf` to the types it extends. */
function propertyVersion(typeName: string, key: string): number {
  const definition = definitions[typeName];
  if (!definition) return 0;
  const property = (definition.properties as Record<string, Json> | undefined)?.[key];
  if (property?.version) return versionOf(property.version);
  for (const parent of (definition.allOf as Json[] | undefined) ?? []) {
    const name = String(parent.$ref ?? '').replace('#/definitions/', '');
    const found = propertyVersion(name, key);
    if (found) return found;
  }
  return 0;
}

/** Elements, actions and properties newer than `max` (the schema tags each with the version it appeared in). */
export function newerThan(node: unknown, max: number): string[] {
  if (Array.isArray(node)) return node.flatMap((child) => newerThan(child, max));
  if (typeof node !== 'object' || node === null) return [];
  const object = node as Json;
  const problems: string[] = [];
  const type = typeof object.type === 'string' ? object.type : null;
  if (type && versionOf(definitions[type]?.version) > max)
    problems.push(`${type} needs ${definitions[type]?.version}`);
  for (const [key, value] of Object.entries(object)) {
    if (type && key !== 'fallback' && propertyVersion(type, key) > max)
      problems.push(`${type}.${key} is newer`);
    if (!(type && key === 'fallback')) problems.push(...newerThan(value, max));
  }
  return problems;
}

/** Every string in the card, for content assertions. */
export function allStrings(node: unknown): string[] {
  if (typeof node === 'string') return [node];
  if (Array.isArray(node)) return node.flatMap(allStrings);
  if (typeof node === 'object' && node !== null) return Object.values(node).flatMap(allStrings);
  return [];
}

/** Objects of the card with the given `type`, depth first. */
export function findAll(node: unknown, type: string): Json[] {
  if (Array.isArray(node)) return node.flatMap((child) => findAll(child, type));
  if (typeof node !== 'object' || node === null) return [];
  const object = node as Json;
  const own = object.type === type ? [object] : [];
  return [...own, ...Object.values(object).flatMap((value) => findAll(value, type))];
}

/** What a reader sees of a Markdown-escaped text: backslash escapes removed, paragraph breaks as newlines. */
export function shown(text: string): string {
  return text.replace(/\\([!-/:-@[-`{-~])/g, '$1').replace(/\n\n/g, '\n');
}

/** Every string a card (or any node) shows, as one text the way `shown` reads it. */
export function shownText(node: unknown): string {
  return shown(allStrings(node).join('\n'));
}
