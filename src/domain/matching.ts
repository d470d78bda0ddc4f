import { distance } from 'fastest-levenshtein';

/** Folds case, accents, spaces and punctuation so `Google Drive`, `google-drive` and `googledrive` meet. */
export function fold(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}

/** Edits allowed for a word of this length to still count as a small typo. */
function tolerance(length: number): number {
  if (length <= 3) return 0;
  if (length <= 6) return 1;
  return 2;
}

/** True when `b` is `a` with two neighbouring letters swapped ("jiar" for "jira"). */
function isTransposition(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  const diff = [...a].flatMap((c, i) => (c === b[i] ? [] : [i]));
  const [i, j] = diff;
  return diff.length === 2 && i !== undefined && j === i + 1 && a[i] === b[j] && a[j] === b[i];
}

/** Edit distance that counts one swap of neighbouring letters as a single typo. */
export function typoDistance(a: string, b: string): number {
  return isTransposition(a, b) ? 1 : distance(a, b);
}

export type Match<T> = { kind: 'exact'; item: T } | { kind: 'suggest'; items: T[] } | { kind: 'none' };

/**
 * Finds `query` among items known by several names. Exact after folding wins; otherwise
 * names within a small edit distance (or that start with the query) are offered as "did you mean".
 */
export function matchByName<T>(query: string, items: readonly T[], namesOf: (item: T) => string[]): Match<T> {
  const q = fold(query);
  if (!q) return { kind: 'none' };
  const scored: { item: T; score: number }[] = [];
  for (const item of items) {
    let best = Number.POSITIVE_INFINITY;
    for (const name of namesOf(item)) {
      const n = fold(name);
      if (!n) continue;
      if (n === q) return { kind: 'exact', item };
      const d = typoDistance(q, n);
      if (d <= tolerance(Math.max(q.length, n.length))) best = Math.min(best, d);
      else if (q.length >= 3 && n.startsWith(q)) best = Math.min(best, 3);
    }
    if (best !== Number.POSITIVE_INFINITY) scored.push({ item, score: best });
  }
  if (scored.length === 0) return { kind: 'none' };
  scored.sort((a, b) => a.score - b.score);
  // A typo is never taken as meant: the person confirms with "did you mean".
  return { kind: 'suggest', items: scored.slice(0, 3).map((s) => s.item) };
}

/** The `limit` candidates nearest to `word`, nearest first (for unknown commands). */
export function nearest(word: string, candidates: readonly string[], limit = 3): string[] {
  const q = fold(word);
  return candidates
    .map((c) => ({ c, d: distance(q, fold(c)) - (fold(c).startsWith(q) && q ? 2 : 0) }))
    .filter(({ c, d }) => d <= Math.max(2, Math.ceil(fold(c).length / 2)))
    .sort((a, b) => a.d - b.d)
    .slice(0, limit)
    .map(({ c }) => c);
}
