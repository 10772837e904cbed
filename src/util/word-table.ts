/**
 * A lookup table keyed by text from the input. It has no prototype, so a cell
 * that says "constructor" or "__proto__" finds nothing instead of Object's
 * own properties.
 */
export function wordTable<T>(entries: Record<string, T>): Record<string, T> {
  return Object.freeze(Object.assign(Object.create(null) as Record<string, T>, entries));
}

/** One shared empty list for the many groups with nothing to list: no array per group. */
export const NONE: readonly never[] = Object.freeze([]);

/** The list itself, or the shared empty one. */
export function listOrNone<T>(list: T[]): T[] {
  return list.length === 0 ? (NONE as unknown as T[]) : list;
}
