import type { CardJson } from './card-actions.js';

/** Marks the second and later input of the same id on one card: `reason~2`. */
const SUFFIX = /~\d+$/;

function visit(node: unknown, seen: Map<string, number>): void {
  if (Array.isArray(node)) {
    for (const child of node) visit(child, seen);
    return;
  }
  if (typeof node !== 'object' || node === null) return;
  const element = node as CardJson;
  if (
    typeof element.type === 'string' &&
    element.type.startsWith('Input.') &&
    typeof element.id === 'string'
  ) {
    const count = (seen.get(element.id) ?? 0) + 1;
    seen.set(element.id, count);
    if (count > 1) element.id = `${element.id}~${count}`;
  }
  for (const value of Object.values(element)) visit(value, seen);
}

/**
 * Input ids must be unique on a card, but a list card can offer Deny (input `reason`) on several items. The
 * first keeps its id; later ones become `reason~2`, `reason~3`. Each button only submits the inputs of its own
 * ShowCard, so at most one of them arrives; `inputValuesOf` maps it back. Mutates the freshly expanded card.
 */
export function makeInputIdsUnique(card: CardJson): CardJson {
  visit(card, new Map());
  return card;
}

/** The submitted input values keyed by their ActionField ids (`reason~2` → `reason`). */
export function inputValuesOf(values: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(values).map(([id, value]) => [id.replace(SUFFIX, ''), value]));
}
