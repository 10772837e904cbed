/**
 * Claim dates as day ranges. A day is a whole number of days since 1970-01-01
 * (UTC), so comparing and measuring gaps needs no Date objects on the hot path.
 */
export const DATE_PRECISIONS = ["day", "month", "year", "range"] as const;
export type DatePrecision = (typeof DATE_PRECISIONS)[number];

export interface ClaimDate {
  start: number;
  end: number;
  precision: DatePrecision;
  /** Canonical text: 2016-09-01, 2016-09, 2016, or 2016-09-01/2016-09-03. */
  text: string;
}

export const DATE_EXPECTED = "a date such as 2016-09-01, 2016-09, 2016 or 2016-09-01/2016-09-03";

const DAY_MS = 86_400_000;

/** The UTC date of a year, month and day, overflow carried; years 0–99 are those years, not 1900–1999 as Date.UTC has them. */
function utcDate(y: number, m: number, d: number): Date {
  const date = new Date(0);
  date.setUTCFullYear(y, m - 1, d);
  return date;
}

function dayNumber(y: number, m: number, d: number): number | undefined {
  const back = utcDate(y, m, d);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== m - 1 || back.getUTCDate() !== d) return undefined;
  return back.getTime() / DAY_MS;
}

export function dayText(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** A day, or a date-time on it ("2004-06-17T00:00:00Z", "2021-08-20 00:00"; RFC 3339 also allows a lower-case t and z). */
const DAY_TIME = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[Tt ](?:[01]\d|2[0-3]):[0-5]\d(?::[0-5]\d(?:\.\d+)?)?(?:[Zz]|[+-]\d{2}:?\d{2})?)?$/;

/**
 * Is this a date or date-time, as reported_at must be: a date in one of the
 * forms a claim's date takes (a day, a month, a year), or a day with a time.
 * Not whatever Date.parse makes of a text: it reads "2" as February 2001 and
 * "09/02/2016" as 2 September.
 */
export function isDateTime(text: string): boolean {
  const t = text.trim();
  return parsePoint(t) !== undefined && !Number.isNaN(Date.parse(t));
}

/** One point of a date: a day, a month or a year, as the range of days it covers. */
function parsePoint(text: string): ClaimDate | undefined {
  // A date-time ("2004-06-17T00:00:00Z", "2021-08-20 00:00") is its day.
  let m = text.match(DAY_TIME);
  if (m) {
    const day = dayNumber(Number(m[1]), Number(m[2]), Number(m[3]));
    return day === undefined ? undefined : { start: day, end: day, precision: "day", text: dayText(day) };
  }
  m = text.match(/^(\d{4})-(\d{1,2})$/);
  if (m) {
    const y = Number(m[1]);
    const mo = Number(m[2]);
    if (mo < 1 || mo > 12) return undefined;
    const start = dayNumber(y, mo, 1)!;
    const end = utcDate(y, mo + 1, 1).getTime() / DAY_MS - 1;
    return { start, end, precision: "month", text: `${m[1]}-${String(mo).padStart(2, "0")}` };
  }
  m = text.match(/^(\d{4})$/);
  if (m) {
    const y = Number(m[1]);
    return { start: dayNumber(y, 1, 1)!, end: dayNumber(y, 12, 31)!, precision: "year", text: m[1]! };
  }
  return undefined;
}

/** Parse a date cell, or a start and end pair. Returns undefined when the text is no real date. */
export function parseDate(text: string, endText?: string): ClaimDate | undefined {
  const slash = endText === undefined ? text.indexOf("/") : -1;
  const startText = slash >= 0 ? text.slice(0, slash) : text;
  const stopText = slash >= 0 ? text.slice(slash + 1) : endText;
  const a = parsePoint(startText.trim());
  if (!a) return undefined;
  if (stopText === undefined || stopText.trim() === "") return a;
  const b = parsePoint(stopText.trim());
  if (!b || b.end < a.start) return undefined;
  if (a.start === b.start && a.end === b.end) return a;
  return { start: a.start, end: b.end, precision: "range", text: `${dayText(a.start)}/${dayText(b.end)}` };
}

/** Days between two dates: 0 when they overlap. */
export function dayGap(a: ClaimDate, b: ClaimDate): number {
  return Math.max(0, b.start - a.end, a.start - b.end);
}
