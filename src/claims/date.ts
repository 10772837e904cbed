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

export const DATE_EXPECTED = "a date such as 2016-09-01, 2016-09, 2016, 2016-09-01/2016-09-03, 1 Sept 2016 or september 1, 2016";

/** How a numeric date such as 01/09/2016 reads: day first (most of the world) or month first (the United States). */
export type DateOrder = "day-first" | "month-first";

/** Month names and their abbreviations in English, French and Arabic (Levantine and Egyptian names), folded. */
const MONTHS: ReadonlyArray<readonly [string, number]> = (
  [
    [["january", "jan", "janvier", "janv", "كانون الثاني", "يناير"], 1],
    [["february", "feb", "février", "fevrier", "févr", "fevr", "fév", "شباط", "فبراير"], 2],
    [["march", "mar", "mars", "آذار", "اذار", "مارس"], 3],
    [["april", "apr", "avril", "avr", "نيسان", "أبريل", "ابريل", "إبريل"], 4],
    [["may", "mai", "أيار", "ايار", "مايو"], 5],
    [["june", "jun", "juin", "حزيران", "يونيو", "يونيه"], 6],
    [["july", "jul", "juillet", "juil", "تموز", "يوليو", "يوليه"], 7],
    [["august", "aug", "août", "aout", "آب", "اب", "أغسطس", "اغسطس"], 8],
    [["september", "sept", "sep", "septembre", "أيلول", "ايلول", "سبتمبر"], 9],
    [["october", "oct", "octobre", "تشرين الأول", "تشرين الاول", "أكتوبر", "اكتوبر"], 10],
    [["november", "nov", "novembre", "تشرين الثاني", "نوفمبر"], 11],
    [["december", "dec", "décembre", "decembre", "déc", "كانون الأول", "كانون الاول", "ديسمبر"], 12],
  ] as const
)
  .flatMap(([names, n]) => names.map((name) => [name, n] as const))
  // The longest first: "كانون الثاني" before a shorter name inside it.
  .sort((a, b) => b[0].length - a[0].length);

/** A date written with a month's name: "1 Sept 2016", "1er septembre 2016", "september 1, 2016", "october-7-2023", "١ أيلول ٢٠١٦", "September 2016". */
function parseNamed(text: string): ClaimDate | undefined {
  let t = text
    .toLowerCase()
    .replace(/[\u0660-\u0669]/g, (d) => String(d.charCodeAt(0) - 0x0660))
    .replace(/\b(\d{1,2})(?:er|st|nd|rd|th)\b/g, "$1")
    .replace(/[,.\-]/g, " ")
    .replace(/\s+/g, " ")
    .trim();
  let month: number | undefined;
  for (const [name, n] of MONTHS) {
    const at = t.search(new RegExp(`(^| )${name}( |$)`, "u"));
    if (at < 0) continue;
    month = n;
    t = `${t.slice(0, at)} M ${t.slice(at + name.length + (t[at] === " " ? 1 : 0))}`.replace(/\s+/g, " ").trim();
    break;
  }
  if (month === undefined) return undefined;
  let m = t.match(/^(?:(\d{1,2}) M|M (\d{1,2})) (\d{4})$/);
  if (m) {
    const day = dayNumber(Number(m[3]), month, Number(m[1] ?? m[2]));
    return day === undefined ? undefined : { start: day, end: day, precision: "day", text: dayText(day) };
  }
  m = t.match(/^M (\d{4})$/);
  if (m) return parsePoint(`${m[1]}-${String(month).padStart(2, "0")}`);
  return undefined;
}

/** A numeric day, month and year (01/09/2016, 1.9.2016, 01-09-2016) in the order given. */
function parseNumeric(text: string, order: DateOrder | undefined): ClaimDate | undefined {
  const m = text.match(/^(\d{1,2})([/.-])(\d{1,2})\2(\d{4})$/);
  if (!m) return undefined;
  const [a, b, y] = [Number(m[1]), Number(m[3]), Number(m[4])];
  const dayFirst = dayNumber(y, b, a);
  const monthFirst = dayNumber(y, a, b);
  const day = order === "day-first" ? dayFirst : order === "month-first" ? monthFirst : dayFirst !== undefined && monthFirst !== undefined && dayFirst !== monthFirst ? undefined : (dayFirst ?? monthFirst);
  return day === undefined ? undefined : { start: day, end: day, precision: "day", text: dayText(day) };
}

/** For a numeric date that reads either way without a flag: both readings, and the flags that choose. */
export function ambiguousDate(text: string): string | undefined {
  const m = text.trim().match(/^(\d{1,2})([/.-])(\d{1,2})\2(\d{4})$/);
  if (!m) return undefined;
  const [a, b, y] = [Number(m[1]), Number(m[3]), Number(m[4])];
  const dayFirst = dayNumber(y, b, a);
  const monthFirst = dayNumber(y, a, b);
  if (dayFirst === undefined || monthFirst === undefined || dayFirst === monthFirst) return undefined;
  return `${dayText(dayFirst)} with --day-first, ${dayText(monthFirst)} with --month-first: give one`;
}

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

/** One point in any form a cell may hold it. */
function parseAny(text: string, order: DateOrder | undefined): ClaimDate | undefined {
  return parsePoint(text) ?? parseNumeric(text, order) ?? (/\p{L}/u.test(text) ? parseNamed(text) : undefined);
}

/** Parse a date cell, or a start and end pair. Returns undefined when the text is no real date. */
export function parseDate(text: string, endText?: string, order?: DateOrder): ClaimDate | undefined {
  if (endText === undefined || endText.trim() === "") {
    // A whole cell that is one date ("01/09/2016", "1 Sept 2016") before a range split at "/".
    const whole = parseAny(text.trim(), order);
    if (whole !== undefined || endText !== undefined) return whole;
  } else {
    const a = parseAny(text.trim(), order);
    const b = parseAny(endText.trim(), order);
    if (!a || !b || b.end < a.start) return undefined;
    if (a.start === b.start && a.end === b.end) return a;
    return { start: a.start, end: b.end, precision: "range", text: `${dayText(a.start)}/${dayText(b.end)}` };
  }
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
