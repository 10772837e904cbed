/**
 * What a reader should know about how a group was formed and compared, beside its verdicts: a link
 * passed over, revisions of a source, sources counted as one, the actors each dataset names, a
 * conflict that rests on weakly graded incidents. One discriminated union on `kind`, each carrying
 * its data as fields; `text` (last) is the sentence a report shows, written from the fields by
 * noteText.
 */
export type GroupNote =
  | { kind: "passed-over"; source: string; record: string; location: string; date: string; duplicate_source: string; text: string }
  | { kind: "revisions-undated"; source: string; measure: string; claims: string[]; text: string }
  | { kind: "revisions-tied"; source: string; measure: string; claims: string[]; reported_at: string; text: string }
  | { kind: "superseded"; source: string; measure: string; claims: string[]; latest: string; reported_at: string; text: string }
  | { kind: "syndicated"; sources: Array<{ source: string; as: string }>; text: string }
  | { kind: "actors"; sides: Array<{ source: string; record: string; actors: string }>; text: string }
  | { kind: "actors-mismatch"; sides: [ActorSide, ActorSide]; text: string }
  | { kind: "weak-grades"; incidents: Array<{ record: string; grade: string; title: string }>; text: string }
  | { kind: "findings-listed"; listed: number; agree: number; compatible: number; conflict: number; text: string }
  | { kind: "outliers-not-named"; reason: "cover-too-large" | "too-many-sources"; text: string };

export interface ActorSide {
  source: string;
  actors: string[];
  alliances: string[];
}

export type GroupNoteKind = GroupNote["kind"];
type Fields<K extends GroupNoteKind> = Omit<Extract<GroupNote, { kind: K }>, "text">;
type AnyFields = { [K in GroupNoteKind]: Fields<K> }[GroupNoteKind];

export const NOTE_INFO = {
  "passed-over": {
    title: "link passed over",
    description: "The group could also have taken a record of another source, but that would be a second record of one source in it; it went to the closer group.",
  },
  "revisions-undated": { title: "revisions without dates", description: "A source made several claims of one measure without a reported_at on each: all are kept, none compared with the others." },
  "revisions-tied": { title: "revisions at one time", description: "A source made several claims of one measure reported at the same instant: all are kept." },
  superseded: { title: "superseded", description: "A source made several claims of one measure: the latest reported_at supersedes the earlier, which take part in nothing." },
  syndicated: { title: "counted as one source", description: "Sources declared the same (--same-source, --sources) count as one voice and are not compared with each other." },
  actors: { title: "actors side by side", description: "The parties each dataset names for the group's records (UCDP sides, Airwars belligerent, ACLED actors), shown, not compared." },
  "actors-mismatch": { title: "actors do not match", description: "Two datasets name parties that share no alliance in the alliance table: check that this is one event." },
  "weak-grades": { title: "conflict on weak grades", description: "Every clash of the conflict involves an incident graded Weak, Contested or Discounted." },
  "findings-listed": {
    title: "findings counted, some listed",
    description: "A group of many statements lists its conflicts (largest gaps first) and one agreement per interval, up to a limit, and counts every pair of statements by verdict.",
  },
  "outliers-not-named": {
    title: "outliers not named",
    description:
      "The conflict is too large to weigh every largest consistent set of sources (more than ten would have to be set aside, or too many sources over several measures): no source is named an outlier, and the consensus rests on the sources in no conflict.",
  },
} as const satisfies Record<GroupNoteKind, { title: string; description: string }>;

function measureOf(n: { source: string; measure: string; claims: string[] }): string {
  return `${n.source} made ${n.claims.length} claims of ${n.measure}`;
}

/** The sentence of a note, from its fields. */
export function noteText(n: AnyFields): string {
  switch (n.kind) {
    case "passed-over":
      return `passed over ${n.source} ${n.record} (${n.location}, ${n.date}): it would be a second ${n.duplicate_source} record in this group`;
    case "revisions-undated":
      return `${measureOf(n)} without a reported_at on each: all are kept, none compared with the others`;
    case "revisions-tied":
      return `${measureOf(n)} reported at the same time (${n.reported_at}): all are kept`;
    case "superseded":
      return `${measureOf(n)}: the latest (${n.latest}, reported ${n.reported_at}) supersedes the earlier`;
    case "syndicated":
      return `counted as one source: ${n.sources.map((s) => `${s.source} as ${s.as}`).join("; ")}`;
    case "actors":
      return `actors side by side: ${groupBySource(n.sides)}`;
    case "actors-mismatch": {
      const [a, b] = n.sides;
      const side = (s: ActorSide) => `${s.source} names ${s.actors.join(", ")} (${s.alliances.join(", ")})`;
      return `actors do not match: ${side(a)}, ${side(b)}: check that this is one event`;
    }
    case "findings-listed":
      return `${n.listed.toLocaleString("en-US")} findings listed of ${(n.agree + n.compatible + n.conflict).toLocaleString("en-US")} pairs of statements: ${n.conflict.toLocaleString("en-US")} conflict, ${n.compatible.toLocaleString("en-US")} compatible, ${n.agree.toLocaleString("en-US")} agree`;
    case "outliers-not-named":
      return n.reason === "cover-too-large"
        ? "no outliers named: more than ten sources would have to be set aside to make the rest consistent, too many to weigh every way of doing so"
        : "no outliers named: too many sources stating several measures, or figures of their own that disagree, to weigh every pair of sources";
    case "weak-grades":
      return `this conflict rests only on incidents graded Weak, Contested or Discounted: ${n.incidents.map((i) => `${i.record} (${i.title})`).join(", ")}`;
  }
}

/** "Airwars YS143: YPG | UCDP GED 443868: Government of Syria – Syrian insurgents", records of one source joined by "; ". */
function groupBySource(sides: ReadonlyArray<{ source: string; record: string; actors: string }>): string {
  const bySource = new Map<string, string[]>();
  for (const s of sides) {
    const list = bySource.get(s.source) ?? [];
    list.push(`${s.source} ${s.record}: ${s.actors}`);
    bySource.set(s.source, list);
  }
  return [...bySource.values()].map((l) => l.join("; ")).join(" | ");
}

/** A note with its sentence, `text` last. */
export function note<F extends AnyFields>(fields: F): F & { text: string } {
  return { ...fields, text: noteText(fields) };
}
