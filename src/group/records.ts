import type { GroupState } from "./state.js";
import type { ReasonTable } from "./reasons.js";

/** Phase 0: the claims of one record (a dataset row's measures) are one unit. */
export function joinRecords(state: GroupState): void {
  // By source, then record: no key string is made per claim.
  const bySource = new Map<string, Map<string, number>>();
  state.claims.forEach((c, i) => {
    if (c.record === undefined) return;
    let byRecord = bySource.get(c.source);
    if (byRecord === undefined) bySource.set(c.source, (byRecord = new Map()));
    const first = byRecord.get(c.record);
    if (first === undefined) {
      byRecord.set(c.record, i);
      state.holdRecord(i);
    } else state.union(first, i, undefined);
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
