import type { Candidates } from "./candidates.js";
import { nearPairs } from "./distance.js";
import type { GroupState } from "./state.js";

/**
 * Phase 3: claims whose coordinates lie within `withinKm` of each other (widened by their precision)
 * are candidates whatever their names. One claim per record seeds the search: its other measures are
 * joined to it already.
 */
export function sweepCoordinates(state: GroupState, candidates: Candidates, withinKm: number): void {
  if (withinKm <= 0) return;
  const seedOf = new Set<string>();
  const claims = state.claims;
  nearPairs(
    claims,
    (i) => {
      const c = claims[i]!;
      if (c.record === undefined) return true;
      const key = `${c.source}\u0000${c.record}`;
      if (seedOf.has(key)) return false;
      seedOf.add(key);
      return true;
    },
    withinKm,
    state.dateWindow,
    (a, b, km) => {
      if (state.find(a) !== state.find(b)) candidates.addNear(a, b, km);
    },
  );
}
