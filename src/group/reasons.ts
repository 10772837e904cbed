import { kmText } from "./distance.js";

/** How two names were taken for one place. */
export type NameMatch =
  | "same-spelling"
  | "folded"
  | "transliteration"
  | "similar"
  | "qualifier"
  | "gazetteer-name"
  | "gazetteer-alias"
  | "gazetteer-variant"
  | "cell-names"
  | "other-spellings";

/** When the claims joined were dated apart, how far, and the window that allowed it. */
interface Dated {
  days_apart?: number;
  window?: number;
}

/**
 * Why claims were put in one group: one of these per distinct reason, shared by every group that has
 * it. Each kind carries its data as fields; `text` is the sentence reports show.
 */
export type MatchReason =
  | { kind: "same-event"; event: string; text: string }
  | ({ kind: "same-place"; place: string; text: string } & Dated)
  | ({
      kind: "place-names";
      names: [string, string];
      match: NameMatch;
      /** For a gazetteer match: the gazetteer's name of the place. */
      gazetteer_place?: string;
      /** For a similar spelling: its similarity and the threshold it passed. */
      similarity?: number;
      threshold?: number;
      /** For a qualifier: the word the longer name adds ("kabir"). */
      qualifier?: string;
      /** For cell-names: the two of the names a cell gives ("Kobani" ~ "Kobane") that matched, and how. */
      through?: [string, string];
      through_match?: Exclude<NameMatch, "cell-names" | "other-spellings"> | "identical";
      text: string;
    } & Dated)
  | ({ kind: "distance"; names: [string, string]; km: number; text: string } & Dated);

export type MatchReasonKind = MatchReason["kind"];
export type PlaceReason = Extract<MatchReason, { kind: "same-place" | "place-names" }>;

/** Titles and explanations of every reason for grouping, apart from where they are found. */
export const MATCH_REASON_INFO = {
  "same-event": { title: "same event", description: "The claims carry the same event label." },
  "same-place": { title: "same place", description: "The claims name the place with the same words, on the same day (or within --date-window days)." },
  "place-names": { title: "one place under two names", description: "The names differ but are taken for one place: see `match` (folding, a transliteration variant, a similar spelling under --match fuzzy, the gazetteer)." },
  distance: { title: "coordinates close", description: "Both claims give coordinates within --within-km of each other (widened by their precision), whatever their names." },
} as const satisfies Record<MatchReasonKind, { title: string; description: string }>;

export const NAME_MATCH_INFO = {
  "same-spelling": { title: "same spelling", description: "The same letters, case and spaces aside (--match exact)." },
  folded: {
    title: "same name, folded",
    description: 'The same name once case, diacritics, articles, settlement words (town, farm, mazraa), descriptions ("near the town of") and Tal/Tell-style spellings are folded away.',
  },
  transliteration: { title: "transliteration variant", description: "Two spellings of one Arabic name (Kafr Nabl, Kafranbel)." },
  similar: { title: "similar spelling", description: "Spellings within the --match-threshold similarity (--match fuzzy only)." },
  qualifier: {
    title: "the same name but for a qualifier",
    description: "One name adds a qualifier (kabir, saghir, sharqi, jadida, upper…) to the other, and the run holds no other qualified form of it to be confused with.",
  },
  "gazetteer-name": { title: "gazetteer name", description: "Both names are a gazetteer place's name." },
  "gazetteer-alias": { title: "gazetteer alias", description: "One name is an alias the gazetteer lists for the place." },
  "gazetteer-variant": { title: "a variant of a gazetteer name", description: "One name is a spelling variant of a gazetteer name." },
  "cell-names": { title: "one of the names a cell gives", description: 'A cell naming several ("Kobane/Ayn al Arab town") matched through one of them.' },
  "other-spellings": { title: "through other spellings", description: "The two names meet through a chain of other spellings of the same place in the run." },
} as const satisfies Record<NameMatch, { title: string; description: string }>;

const FOLDED_TEXT = 'same name, folded (case, diacritics, articles, settlement words such as town/farm/mazraa, descriptions such as "near the town of", Tal/Tell-style spellings)';

/** How two names are directly one place, in the words of a reason. */
function matchText(match: NameMatch | "identical", gazetteerPlace: string | undefined, similarity: number | undefined, threshold: number | undefined, qualifier: string | undefined): string {
  switch (match) {
    case "identical":
      return "the same name";
    case "folded":
      return FOLDED_TEXT;
    case "similar":
      return `similar spelling (${similarity!.toFixed(2)} ≥ ${threshold})`;
    case "qualifier":
      return `the same name but for the qualifier "${qualifier}", the only qualified form of it in the run`;
    case "gazetteer-name":
    case "gazetteer-alias":
    case "gazetteer-variant":
      return `${NAME_MATCH_INFO[match].title} of "${gazetteerPlace}"`;
    default:
      return NAME_MATCH_INFO[match].title;
  }
}

const pairText = (names: readonly [string, string]) => `"${names[0]}" ~ "${names[1]}"`;

function datedText(r: Dated): string {
  return r.days_apart === undefined ? "" : `; dates ${r.days_apart} day${r.days_apart === 1 ? "" : "s"} apart, window ${r.window}`;
}

/** The sentence of a reason, from its fields. */
export function reasonText(r: DistributiveOmit<MatchReason, "text">): string {
  switch (r.kind) {
    case "same-event":
      return `same event "${r.event}"`;
    case "same-place":
      return `same place "${r.place}"${datedText(r)}`;
    case "distance":
      return `${pairText(r.names)}: ${kmText(r.km)}${datedText(r)}`;
    case "place-names": {
      if (r.match === "other-spellings") return `${pairText(r.names)}: through other spellings of the same place${datedText(r)}`;
      if (r.match === "cell-names") {
        const [x, y] = r.through!;
        const via = matchText(r.through_match!, r.gazetteer_place, r.similarity, r.threshold, r.qualifier);
        return `${pairText(r.names)}: ${via}${r.through_match === "identical" ? "" : ` ("${x}" ~ "${y}")`}, one of the names the cell gives${datedText(r)}`;
      }
      return `${pairText(r.names)}: ${matchText(r.match, r.gazetteer_place, r.similarity, r.threshold, r.qualifier)}${datedText(r)}`;
    }
  }
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** A reason with its sentence, `text` last (the JSON's order). */
export function withText<R extends DistributiveOmit<MatchReason, "text">>(fields: R): R & { text: string } {
  return { ...fields, text: reasonText(fields) };
}

/**
 * One reason object per distinct reason: groups share them (a million groups joined by the same
 * place hold one object). A place reason dated apart is a new object once per gap.
 */
export class ReasonTable {
  private readonly events = new Map<string, MatchReason>();
  private readonly dated = new Map<MatchReason, Map<number, MatchReason>>();
  private readonly distances = new Map<string, MatchReason>();

  constructor(private readonly dateWindow: number) {}

  event(event: string): MatchReason {
    let r = this.events.get(event);
    if (r === undefined) this.events.set(event, (r = withText({ kind: "same-event", event })));
    return r;
  }

  /** A place reason, with the days between the claims' dates when they differ. */
  place(reason: PlaceReason, gap: number): MatchReason {
    if (gap === 0) return reason;
    let byGap = this.dated.get(reason);
    if (byGap === undefined) this.dated.set(reason, (byGap = new Map()));
    let r = byGap.get(gap);
    if (r === undefined) {
      const { text: _text, ...fields } = reason;
      byGap.set(gap, (r = withText({ ...fields, days_apart: gap, window: this.dateWindow })));
    }
    return r;
  }

  distance(a: string, b: string, km: number, gap: number): MatchReason {
    const key = `${a}\u0000${b}\u0000${km}\u0000${gap}`;
    let r = this.distances.get(key);
    if (r === undefined) this.distances.set(key, (r = withText({ kind: "distance", names: [a, b], km, ...(gap > 0 && { days_apart: gap, window: this.dateWindow }) })));
    return r;
  }
}
