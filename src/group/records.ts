import { hash } from "../util/hash.js";
import type { GroupState } from "./state.js";
import type { ReasonTable } from "./reasons.js";

/** Phase 0: the claims of one record (a dataset row's measures) are one unit. */
export function joinRecords(state: GroupState): void {
  // The first claim of each source's record, in a table open-addressed by a 32-bit hash of both: a map
  // of a whole dataset's records held millions of entries (100 MB and more) for the length of this pass.
  const { claims } = state;
  let size = 16;
  while (size < claims.length * 2) size *= 2;
  const mask = size - 1;
  const firstOf = new Int32Array(size).fill(-1);
  const sourceHash = new Map<string, number>();
  claims.forEach((c, i) => {
    const record = c.record;
    if (record === undefined) return;
    const source = c.source;
    let sh = sourceHash.get(source);
    if (sh === undefined) sourceHash.set(source, (sh = Math.imul(hash(source), 0x9e3779b1)));
    for (let slot = (hash(record) ^ sh) & mask; ; slot = (slot + 1) & mask) {
      const first = firstOf[slot]!;
      if (first === -1) {
        firstOf[slot] = i;
        state.holdRecord(i);
        return;
      }
      const f = claims[first]!;
      if (f.record === record && f.source === source) {
        state.union(first, i, undefined);
        return;
      }
    }
  });
}

/** Phase 1: the same event label is one group (never two records of one source, nor two perpetrators). */
export function joinLabels(state: GroupState, reasons: ReasonTable): void {
  const byLabel = new Map<string, number>();
  state.claims.forEach((c, i) => {
    const key = state.label[i];
    if (key === undefined) return;
    const first = byLabel.get(key);
    if (first === undefined) {
      byLabel.set(key, i);
      return;
    }
    const [ra, rb] = [state.find(first), state.find(i)];
    if (state.perpetratorClash(ra, rb)) return;
    const clash = state.recordClash(ra, rb);
    if (clash !== undefined) state.passOver(first, i, clash);
    else state.union(first, i, reasons.event(c.event!));
  });
}
