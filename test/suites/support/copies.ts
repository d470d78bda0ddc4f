import type { Delivery, Kill } from './fake-platforms.js';

/** How the copies of each notice came out: extra copies a kill explains, and those nothing explains. */
export interface CopyReport {
  /** Distinct notices delivered. */
  notices: number;
  /** Extra copies of a notice that was in flight when a process was killed. */
  excused: number;
  /** Extra copies with no kill to explain them, one line each. */
  duplicates: string[];
}

/**
 * A notice may arrive twice only when the process sending it died with the first copy in flight:
 * a kill lies between the two copies, and the first was the last thing delivered to its target before
 * that kill (a target's notices go one at a time, so only its latest one can be unrecorded). Any
 * other repeat is a duplicate.
 */
export function copyReport(deliveries: readonly Delivery[], kills: readonly Kill[]): CopyReport {
  const byKey = new Map<string, Delivery[]>();
  for (const d of deliveries) byKey.set(d.key, [...(byKey.get(d.key) ?? []), d]);
  let excused = 0;
  const duplicates: string[] = [];
  const inFlightAtKill = (prev: Delivery, next: Delivery) =>
    kills.some(
      (k) =>
        k.seq > prev.seq &&
        k.seq < next.seq &&
        !deliveries.some((d) => d.target === prev.target && d.seq > prev.seq && d.seq < k.seq),
    );
  // What happened between two copies (kills, and deliveries to the same target), to explain a failure.
  const between = (prev: Delivery, next: Delivery) =>
    [
      ...kills.filter((k) => k.seq > prev.seq && k.seq < next.seq).map((k) => `#${k.seq} kill ${k.what}`),
      ...deliveries
        .filter((d) => d.target === prev.target && d.seq > prev.seq && d.seq < next.seq)
        .map((d) => `#${d.seq} ${d.key}`),
    ].join(', ') || 'nothing';
  for (const [key, copies] of byKey) {
    for (let i = 1; i < copies.length; i++) {
      const prev = copies[i - 1] as Delivery;
      const next = copies[i] as Delivery;
      if (inFlightAtKill(prev, next)) excused += 1;
      else
        duplicates.push(
          `${key}: copy ${i + 1} (#${next.seq}) after #${prev.seq}, not in flight at a kill; between: ${between(prev, next)}`,
        );
    }
  }
  return { notices: byKey.size, excused, duplicates };
}
