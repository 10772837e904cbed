import { distance } from "fastest-levenshtein";
import { ancestry, resolvePlace, type Gazetteer, type GazetteerPlace, type Resolution } from "./gazetteer.js";
import { fingerprint, isShortSkeleton, sameVariant, sameVariantKeys, splitQualifier, variantKeys } from "./place-name.js";
import { withText, type NameMatch, type PlaceReason } from "./reasons.js";

export const MATCH_MODES = ["exact", "normal", "fuzzy"] as const;
export type MatchMode = (typeof MATCH_MODES)[number];

export interface MatchOptions {
  /** exact: the same spelling (case and spaces aside); normal: folding and transliteration variants; fuzzy: normal, then similar spellings. */
  mode: MatchMode;
  /** fuzzy: the least similarity (1 − edit distance / length) of two light forms that join. */
  threshold: number;
  gazetteer?: Gazetteer;
}

/** Spellings of one qualifier: "Kbir" and "Kabir" are one word, so they are one qualified form. */
const QUALIFIER_FORMS: Record<string, string> = Object.assign(Object.create(null) as Record<string, string>, {
  kbir: "kabir", kebir: "kabir", kbira: "kabira", kebira: "kabira", sghir: "saghir", sghira: "saghira",
  sharqiyah: "sharqiya", gharbiyah: "gharbiya", shamaliyah: "shamaliya", janoubi: "janubi", janubiyah: "janubiya",
  fouqani: "fawqani", jadidah: "jadida", qadimah: "qadima",
});

/** Blocks larger than this are not compared pair by pair under fuzzy matching. */
const MAX_FUZZY_BLOCK = 400;

/** The names in a cell that gives several ("Tadmur/Palmyra town" → "Tadmur town", "Palmyra town"). */
export function alternativeNames(name: string): string[] {
  if (!name.includes("/")) return [name];
  const parts = name.split("/").map((p) => p.trim()).filter((p) => p !== "");
  const last = parts[parts.length - 1] ?? "";
  const kind = last.match(/\s(town|village|city|camp)$/i)?.[1];
  return parts.map((p) => (kind !== undefined && !/\s(town|village|city|camp)$/i.test(p) ? `${p} ${kind}` : p));
}

function exactKey(name: string): string {
  return name.normalize("NFC").toLowerCase().replace(/\s+/g, " ").trim();
}

function similarity(a: string, b: string): number {
  const longest = Math.max(a.length, b.length);
  return longest === 0 ? 1 : 1 - distance(a, b) / longest;
}

/**
 * Clusters the distinct place names of a run. Names never meet all others:
 * they are blocked by a key (the gazetteer, the fingerprint, the skeleton,
 * under fuzzy a skeleton prefix or suffix) and compared only within a block,
 * so the work grows with the number of distinct names, not its square.
 */
const NO_PLACES: readonly GazetteerPlace[] = [];

export class PlaceIndex {
  private readonly index = new Map<string, number>();
  private readonly names: string[] = [];
  private readonly parent: number[] = [];
  private readonly resolved: Array<Resolution | undefined> = [];
  /** Under fuzzy matching, the similarity that joined two names, by "i,j". */
  private readonly fuzzy = new Map<string, number>();
  /** Fuzzy blocks too large to compare, for the record. */
  skippedBlocks = 0;

  constructor(
    names: Iterable<string>,
    private readonly options: MatchOptions,
  ) {
    const add = (name: string): number => {
      const known = this.index.get(name);
      if (known !== undefined) return known;
      this.index.set(name, this.names.length);
      this.parent.push(this.names.length);
      this.names.push(name);
      return this.names.length - 1;
    };
    // "Kobane/Ayn al Arab town": one place under several names, each matched on its own.
    const alternatives = new Map<number, number[]>();
    for (const name of names) {
      const whole = add(name);
      const parts = options.mode === "exact" ? [name] : alternativeNames(name);
      if (parts.length > 1) alternatives.set(whole, parts.map(add));
    }
    const g = options.gazetteer;
    this.names.forEach((name, i) => {
      this.resolved[i] = g ? resolvePlace(g, name, options.mode !== "exact") : undefined;
    });
    for (const [whole, parts] of alternatives) {
      const ids = new Set(parts.map((p) => this.resolved[p]?.id).filter((id) => id !== undefined));
      if (this.resolved[whole] === undefined && ids.size === 1) this.resolved[whole] = { id: [...ids][0]!, how: "alias" };
      for (const p of parts) if (this.resolved[p] === undefined && this.resolved[whole] === undefined) this.union(whole, p);
    }
    const free = this.names.flatMap((_, i) => (this.resolved[i] === undefined ? [i] : []));
    if (options.mode === "exact") {
      this.joinBy(free, (i) => exactKey(this.names[i]!));
      return;
    }
    const prints = new Map(free.map((i) => [i, fingerprint(this.names[i]!)]));
    this.joinBy(free, (i) => prints.get(i)!);
    // Each name's keys once, not once per pair it is compared in.
    const keys = new Map(free.map((i) => [i, variantKeys(this.names[i]!)]));
    const short = free.filter((i) => isShortSkeleton(keys.get(i)!));
    const long = free.filter((i) => !isShortSkeleton(keys.get(i)!));
    for (const block of this.blocks(long, (i) => keys.get(i)!.skeleton)) {
      this.joinPairs(block, (a, b) => sameVariantKeys(keys.get(a)!, keys.get(b)!));
    }
    // Two consonants say little: such names meet only on their light form ("Hama" ~ "Hamah", not "Azaz" ~
    // "Aziz"), joined by that key: however many share a skeleton, they are never compared pair by pair.
    this.joinBy(short, (i) => `${keys.get(i)!.admin}|${keys.get(i)!.light}`);
    this.joinQualified(free, prints);
    if (options.mode === "fuzzy") {
      // The keys computed for the variant check serve here too: nothing is folded twice.
      const byIndex = new Map(free.map((i) => [i, keys.get(i)!.light]));
      const keyed = (cut: (s: string) => string) => this.blocks(free, (i) => `${keys.get(i)!.admin}|${cut(keys.get(i)!.skeleton)}`);
      for (const block of [...keyed((s) => s.slice(0, 3)), ...keyed((s) => s.slice(-3))]) {
        if (block.length > MAX_FUZZY_BLOCK) {
          this.skippedBlocks++;
          continue;
        }
        this.joinPairs(block, (a, b) => {
          const s = similarity(byIndex.get(a)!, byIndex.get(b)!);
          if (s < options.threshold) return false;
          this.fuzzy.set(`${Math.min(a, b)},${Math.max(a, b)}`, s);
          return true;
        });
      }
    }
  }

  /** Under which qualifier a name ("Arab Hassan Kabir") was joined to its bare name ("Arab Hassan"). */
  private readonly qualified = new Map<number, string>();

  /**
   * A name with a trailing qualifier (kabir, saghir, sharqi, jadida, upper…) meets the same name
   * without it only when the run holds no other qualified form of that name: "Arab Hassan" is "Arab
   * Hassan Kabir" when there is no "Arab Hassan Saghir" to be confused with.
   */
  private joinQualified(free: number[], prints: ReadonlyMap<number, string>): void {
    const bareNames = new Map<string, number>();
    for (const i of free) if (!bareNames.has(prints.get(i)!)) bareNames.set(prints.get(i)!, i);
    // By the place the bare name already is (its spellings joined by folding and variants): "Arab
    // Hassan" and "Arab Hasan" are one place, so "Arab Hassan Kabir" and "Arab Hasan Saghir" are two
    // qualified forms of it, and neither joins.
    const forms = new Map<number, { bare: number; qualifiers: Set<string>; names: number[] }>();
    for (const i of free) {
      const split = splitQualifier(prints.get(i)!);
      const bare = split === undefined ? undefined : bareNames.get(split.bare);
      if (split === undefined || bare === undefined) continue;
      const root = this.find(bare);
      let f = forms.get(root);
      if (f === undefined) forms.set(root, (f = { bare, qualifiers: new Set(), names: [] }));
      f.qualifiers.add(QUALIFIER_FORMS[split.qualifier] ?? split.qualifier);
      f.names.push(i);
    }
    for (const f of forms.values()) {
      if (f.qualifiers.size !== 1) continue;
      const [qualifier] = f.qualifiers;
      for (const i of f.names) {
        this.qualified.set(i, qualifier!);
        this.union(f.bare, i);
      }
    }
  }

  private blocks(members: number[], key: (i: number) => string): number[][] {
    const map = new Map<string, number[]>();
    for (const i of members) {
      const k = key(i);
      const list = map.get(k);
      if (list) list.push(i);
      else map.set(k, [i]);
    }
    return [...map.values()].filter((b) => b.length > 1);
  }

  private joinBy(members: number[], key: (i: number) => string): void {
    for (const block of this.blocks(members, key)) for (const i of block) this.union(block[0]!, i);
  }

  /** Compare within a block; names already joined are not compared again. */
  private joinPairs(block: number[], same: (a: number, b: number) => boolean): void {
    for (let x = 0; x < block.length; x++) {
      for (let y = x + 1; y < block.length; y++) {
        const a = block[x]!;
        const b = block[y]!;
        if (this.find(a) !== this.find(b) && same(a, b)) this.union(a, b);
      }
    }
  }

  private find(i: number): number {
    while (this.parent[i] !== i) {
      this.parent[i] = this.parent[this.parent[i]!]!;
      i = this.parent[i]!;
    }
    return i;
  }

  private union(a: number, b: number): void {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra !== rb) this.parent[Math.max(ra, rb)] = Math.min(ra, rb);
  }

  private at(name: string): number {
    const i = this.index.get(name);
    if (i === undefined) throw new Error(`place name not indexed: ${name}`);
    return i;
  }

  private readonly keys = new Map<string, string>();

  /** The key every name of one place shares: its gazetteer place, or its cluster. Asked once per claim, so kept. */
  key(name: string): string {
    let key = this.keys.get(name);
    if (key === undefined) {
      const i = this.at(name);
      const r = this.resolved[i];
      key = r !== undefined ? `g:${r.id}` : `n:${this.find(i)}`;
      this.keys.set(name, key);
    }
    return key;
  }

  /** The gazetteer place a name resolved to, with the places it lies in. */
  gazetteerChain(name: string): readonly GazetteerPlace[] {
    if (this.options.gazetteer === undefined) return NO_PLACES;
    const r = this.resolved[this.at(name)];
    return r !== undefined ? ancestry(this.options.gazetteer, r.id) : NO_PLACES;
  }

  private readonly reasons = new Map<string, PlaceReason>();

  /** Why two names of one place were taken as one: a match_reason, shared by every pair of these names. */
  why(a: string, b: string): PlaceReason {
    const key = `${a}\u0000${b}`;
    let reason = this.reasons.get(key);
    if (reason === undefined) {
      reason = a === b ? withText({ kind: "same-place", place: a }) : this.explain(a, b);
      this.reasons.set(key, reason);
    }
    return reason;
  }

  private explain(a: string, b: string): PlaceReason {
    const names: [string, string] = [a, b];
    const direct = this.relation(a, b);
    if (direct !== undefined) return withText({ kind: "place-names", names, ...direct });
    // Through one of the names a cell gives ("Kobani" ~ "Kobane/Ayn al Arab town").
    for (const x of alternativeNames(a)) {
      for (const y of alternativeNames(b)) {
        if (x === a && y === b) continue;
        const via = x === y ? { match: "identical" as const } : this.relation(x, y);
        if (via === undefined) continue;
        const { match, ...detail } = via;
        return withText({ kind: "place-names", names, match: "cell-names", through: [x, y], through_match: match, ...detail });
      }
    }
    return withText({ kind: "place-names", names, match: "other-spellings" });
  }

  /** How two names are directly one place, or undefined. */
  private relation(a: string, b: string): { match: Exclude<NameMatch, "cell-names" | "other-spellings">; gazetteer_place?: string; similarity?: number; threshold?: number; qualifier?: string } | undefined {
    const i = this.index.get(a);
    const j = this.index.get(b);
    if (i === undefined || j === undefined) return undefined;
    const ra = this.resolved[i];
    const rb = this.resolved[j];
    if (ra !== undefined && rb !== undefined && ra.id === rb.id) {
      const place = this.options.gazetteer!.places.get(ra.id)!;
      const match = ra.how === "variant" || rb.how === "variant" ? "gazetteer-variant" : ra.how === "alias" || rb.how === "alias" ? "gazetteer-alias" : "gazetteer-name";
      return { match, gazetteer_place: place.name };
    }
    if (ra !== undefined || rb !== undefined) return undefined;
    if (this.options.mode === "exact") return exactKey(a) === exactKey(b) ? { match: "same-spelling" } : undefined;
    if (fingerprint(a) === fingerprint(b)) return { match: "folded" };
    if (sameVariant(a, b)) return { match: "transliteration" };
    for (const [x, y] of [
      [i, j],
      [j, i],
    ] as const) {
      const qualifier = this.qualified.get(x);
      if (qualifier !== undefined && splitQualifier(fingerprint(this.names[x]!))?.bare === fingerprint(this.names[y]!)) return { match: "qualifier", qualifier };
    }
    const s = this.fuzzy.get(`${Math.min(i, j)},${Math.max(i, j)}`);
    if (s !== undefined) return { match: "similar", similarity: Number(s.toFixed(2)), threshold: this.options.threshold };
    return undefined;
  }
}
