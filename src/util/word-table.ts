/**
 * A lookup table keyed by text from the input. It has no prototype, so a cell
 * that says "constructor" or "__proto__" finds nothing instead of Object's
 * own properties.
 */
export function wordTable<T>(entries: Record<string, T>): Record<string, T> {
  return Object.freeze(Object.assign(Object.create(null) as Record<string, T>, entries));
}
