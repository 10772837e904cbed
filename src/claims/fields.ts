/** The fields a claim can have; columns are matched to them by name, case-insensitively. */
export const CLAIM_FIELDS = [
  "id",
  "source",
  "figure",
  "low",
  "high",
  "best",
  "outcome",
  "victims",
  "within",
  "record",
  "location",
  "country",
  "admin1",
  "admin2",
  "latitude",
  "longitude",
  "precision_km",
  "date",
  "date_start",
  "date_end",
  "event",
  "scope",
  "perpetrator",
  "actors",
  "grade",
  "reported_at",
  "url",
  "quote",
  "notes",
] as const;
export type ClaimField = (typeof CLAIM_FIELDS)[number];

const FIELD_SET: ReadonlySet<string> = new Set(CLAIM_FIELDS);
export function isClaimField(name: string): name is ClaimField {
  return FIELD_SET.has(name);
}

/** Field → index of the column that holds it; the rest of the columns are carried as extras. */
export interface ColumnMapping {
  index: Partial<Record<ClaimField, number>>;
  extras: Array<{ name: string; index: number }>;
  /** Fields two columns claim at once. */
  duplicates: Array<{ field: ClaimField; columns: string[] }>;
}

/**
 * Match columns to fields: first the user's `--map FIELD=COLUMN` pairs, then
 * any column whose name is a field's name (ignoring case and surrounding space).
 */
export function mapColumns(columns: readonly string[], userMap: Partial<Record<ClaimField, string>> = {}): ColumnMapping {
  const index: Partial<Record<ClaimField, number>> = {};
  const claimedBy = new Map<ClaimField, string[]>();
  const used = new Set<number>();
  const lower = columns.map((c) => String(c).trim().toLowerCase());
  const take = (field: ClaimField, i: number) => {
    const list = claimedBy.get(field) ?? [];
    list.push(columns[i]!);
    claimedBy.set(field, list);
    if (index[field] === undefined) index[field] = i;
    used.add(i);
  };
  for (const [field, column] of Object.entries(userMap) as Array<[ClaimField, string]>) {
    const i = lower.indexOf(column.trim().toLowerCase());
    if (i >= 0) take(field, i);
  }
  lower.forEach((name, i) => {
    if (used.has(i) || !isClaimField(name) || userMap[name] !== undefined) return;
    take(name, i);
  });
  // A header cell left blank (a spreadsheet's trailing commas) names its column by place, as rejects name cells past the header.
  const extras = columns.flatMap((name, i) => (used.has(i) ? [] : [{ name: String(name).trim() === "" ? `(column ${i + 1})` : String(name), index: i }]));
  const duplicates = [...claimedBy].filter(([, cols]) => cols.length > 1).map(([field, cols]) => ({ field, columns: cols }));
  return { index, extras, duplicates };
}
