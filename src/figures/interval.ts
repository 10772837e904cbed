/** A count as a closed range of whole numbers; `high: null` means no upper end. */
export interface Interval {
  low: number;
  high: number | null;
}

export function overlaps(a: Interval, b: Interval): boolean {
  return (a.high === null || b.low <= a.high) && (b.high === null || a.low <= b.high);
}

export function sameInterval(a: Interval, b: Interval): boolean {
  return a.low === b.low && a.high === b.high;
}

export function minHigh(a: number | null, b: number | null): number | null {
  if (a === null) return b;
  if (b === null) return a;
  return Math.min(a, b);
}

/** `25`, `20–99`, `≥25` */
export function formatInterval(i: Interval): string {
  if (i.high === null) return `≥${i.low}`;
  if (i.low === i.high) return String(i.low);
  return `${i.low}–${i.high}`;
}
