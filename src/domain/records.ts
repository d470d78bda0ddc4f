/**
 * The state's records are plain objects keyed by ids, some of which come from outside (a card's
 * request id, a typed group name): `record["constructor"]` would read Object's. Look such keys up
 * with `own`, which answers only the record's own entries.
 */
export function own<T>(record: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}
