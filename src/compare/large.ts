/**
 * Groups of many statements (a month of daily reports, a siege, thousands of "at least N"), compared
 * from their sorted intervals in n log n, never pair by pair: the same verdicts, status and consensus
 * as a small group; findings counted by verdict, with the conflicts listed largest gaps first.
 */
import type { Claim, CountedClaim } from "../claims/claim.js";
import { relateMeasures, type Measure } from "../claims/measures.js";
import { note, type GroupNote } from "../findings/notes.js";
import { listOrNone } from "../util/word-table.js";
import type { Comparison } from "./compare.js";
import { coverRoles, type CoverRoles } from "./cover.js";
import { Finding, type Status } from "./findings.js";
import { consensusOf, isWeak, rolesOfClaims, weakGradesNote } from "./roles.js";
import { countPairs, disjointPairs, sweepRoles, widenedStart, type IntervalNode } from "./sweep.js";

/** Past this many statements, a group's pairs are counted from its intervals, not compared one by one. */
export const LARGE_GROUP = 300;
/** How many findings a large group lists; the rest are counted in a note. */
const LISTED_FINDINGS = 1_000;
/** How many pairs of one source's own statements the listing steps over before it stops looking. */
const SKIPPED_PAIRS = 100_000;
/**
 * Pairs of sources times the measures they are weighed on, past which the largest consistent sets are
 * found measure by measure rather than on the whole graph of which sources clash.
 */
const VOICE_PAIR_WORK = 20_000_000;

/** One statement: a voice's interval for one measure (claims saying the same are one). */
interface Statement {
  claim: CountedClaim;
  voice: number;
  /** Its measure with `within` left out: statements of one base are of the same measure. */
  base: number;
  /** Its measure with `within`: what a part-of relation is decided on. */
  kind: number;
  start: number;
}

interface Tally {
  same: { agree: number; compatible: number; conflict: number };
  part: { compatible: number; conflict: number };
  conflicts: Finding[];
}

export function compareLarge(
  claims: readonly Claim[],
  groupsOf: readonly number[][],
  voiceOf: readonly number[],
  tolerance: number,
  supersededBy: Array<string | undefined>,
  groupNotes: GroupNote[],
): Comparison {
  const notes = [...groupNotes];
  const baseIndex = new Map<string, number>();
  const kindIndex = new Map<string, number>();
  const kinds: Measure[] = [];
  const kindBase: number[] = [];
  const statements: Statement[] = groupsOf.map((members, k) => {
    const c = claims[members[0]!] as CountedClaim;
    const baseKey = `${c.outcome}\u0000${c.victims}`;
    let base = baseIndex.get(baseKey);
    if (base === undefined) baseIndex.set(baseKey, (base = baseIndex.size));
    const kindKey = `${baseKey}\u0000${c.within ?? ""}`;
    let kind = kindIndex.get(kindKey);
    if (kind === undefined) {
      kindIndex.set(kindKey, (kind = kinds.length));
      kinds.push({ outcome: c.outcome, victims: c.victims, within: c.within });
      kindBase.push(base);
    }
    return { claim: c, voice: voiceOf[k]!, base, kind, start: widenedStart(c.figure.low, tolerance) };
  });
  // In an order of what they say, so that nothing listed follows the rows.
  statements.sort((x, y) => order(x.claim, y.claim));
  // Which kinds are parts of which: [part, whole].
  const partOf: Array<[number, number]> = [];
  for (let a = 0; a < kinds.length; a++)
    for (let b = a + 1; b < kinds.length; b++) {
      if (kindBase[a] === kindBase[b]) continue;
      const rel = relateMeasures(kinds[a]!, kinds[b]!);
      if (rel === "a-within-b") partOf.push([a, b]);
      else if (rel === "b-within-a") partOf.push([b, a]);
    }
  const voiceOfClaim = new Map(statements.map((s) => [s.claim, s.voice]));
  const tally = tallyPairs(statements, baseIndex.size, partOf, voiceOfClaim, true);
  const anyConflict = tally.same.conflict + tally.part.conflict > 0;
  const status: Status = anyConflict ? "conflict" : tally.same.compatible > 0 ? "compatible" : tally.same.agree > 0 ? "agree" : tally.part.compatible > 0 ? "compatible" : "single";
  // Conflicts by relative size, the largest first; then one agreement per interval stated alike.
  const findings = tally.conflicts.sort((p, q) => q.gap!.relative - p.gap!.relative || order(p.x, q.x) || order(p.y, q.y)).slice(0, LISTED_FINDINGS);
  for (const n of nodesOf(statements, (s) => s.base)) {
    if (findings.length >= LISTED_FINDINGS) break;
    if (n.claims.length > 1) findings.push(new Finding("agree", "same measure", n.claims[0]!, n.claims[1]!));
  }
  // Does every clash involve a weakly graded claim? Not when the claims that are not weak clash among themselves.
  if (anyConflict && statements.some((s) => isWeak(s.claim))) {
    const strong = tallyPairs(
      statements.filter((s) => !isWeak(s.claim)),
      baseIndex.size,
      partOf,
      voiceOfClaim,
      false,
    );
    if (strong.same.conflict + strong.part.conflict === 0) notes.push(weakGradesNote(clashingWeak(statements, baseIndex.size, kinds.length, partOf)));
  }
  const { roles, unnamed } = rolesOf(statements, baseIndex.size, kinds.length, partOf);
  if (unnamed !== undefined) notes.push(note({ kind: "outliers-not-named", reason: unnamed }));
  const { outlier, trusted } = rolesOfClaims(claims, groupsOf, voiceOf, roles.inEvery, roles.inSome);
  notes.push(
    note({
      kind: "findings-listed",
      listed: findings.length,
      agree: tally.same.agree,
      compatible: tally.same.compatible + tally.part.compatible,
      conflict: tally.same.conflict + tally.part.conflict,
    }),
  );
  return {
    status,
    findings,
    consensus: consensusOf(
      groupsOf.map((members) => claims[members[0]!] as CountedClaim),
      trusted,
    ),
    outlier,
    tie: anyConflict && roles.several,
    supersededBy: supersededBy.some((s) => s !== undefined) ? supersededBy : listOrNone([]),
    notes,
  };
}

function order(x: CountedClaim, y: CountedClaim): number {
  return x.source < y.source ? -1 : x.source > y.source ? 1 : x.id < y.id ? -1 : x.id > y.id ? 1 : 0;
}

/** The distinct intervals of each measure (by `measure`), each with the statements that state it, in the statements' order. */
function nodesOf(statements: readonly Statement[], measure: (s: Statement) => number): IntervalNode[] {
  const nodes = new Map<string, IntervalNode>();
  for (const s of statements) {
    const f = s.claim.figure;
    const key = `${measure(s)}\u0000${f.low}\u0000${f.high}`;
    const node = nodes.get(key);
    if (node) node.claims.push(s.claim);
    else nodes.set(key, { low: f.low, high: f.high, start: s.start, claims: [s.claim] });
  }
  return [...nodes.values()];
}

/** The statements split by a key (a measure, a voice), each list in the statements' order. */
function split<K>(statements: readonly Statement[], key: (s: Statement) => K): Map<K, Statement[]> {
  const out = new Map<K, Statement[]>();
  for (const s of statements) {
    const list = out.get(key(s));
    if (list) list.push(s);
    else out.set(key(s), [s]);
  }
  return out;
}

/**
 * Every pair of statements from different voices, counted by verdict from the sorted intervals: the
 * pairs of all voices, less each voice's pairs with itself. With `list`, conflicts are listed too,
 * the largest gaps first, up to LISTED_FINDINGS for each measure and each part and whole.
 */
function tallyPairs(statements: readonly Statement[], bases: number, partOf: ReadonlyArray<readonly [number, number]>, voiceOf: ReadonlyMap<CountedClaim, number>, list: boolean): Tally {
  const tally: Tally = { same: { agree: 0, compatible: 0, conflict: 0 }, part: { compatible: 0, conflict: 0 }, conflicts: [] };
  const byVoice = [...split(statements, (s) => s.voice).values()].filter((own) => own.length > 1);
  // A pair of nodes holding different voices, for the finding that lists it (x below, y above).
  const listing = (relation: "same measure" | "part of") => {
    let listed = 0;
    let skipped = 0;
    return (x: IntervalNode, y: IntervalNode): boolean => {
      let pair: [CountedClaim, CountedClaim] | undefined;
      for (const a of x.claims.slice(0, 2)) for (const b of y.claims.slice(0, 2)) if (pair === undefined && voiceOf.get(a) !== voiceOf.get(b)) pair = [a, b];
      if (pair === undefined) skipped++;
      else {
        listed++;
        // A part above its whole: x is the whole, y the part; findings name the part first.
        tally.conflicts.push(relation === "part of" ? new Finding("conflict", relation, pair[1], pair[0]) : new Finding("conflict", relation, pair[0], pair[1]));
      }
      return list && listed < LISTED_FINDINGS && skipped < SKIPPED_PAIRS;
    };
  };
  const none = () => false;
  const byBase = split(statements, (s) => s.base);
  for (let b = 0; b < bases; b++) {
    const own = byBase.get(b);
    if (own === undefined) continue;
    const all = countPairs(nodesOf(own, () => 0), listing("same measure"));
    for (const mine of byVoice) {
      const inBase = mine.filter((s) => s.base === b);
      if (inBase.length < 2) continue;
      const self = countPairs(nodesOf(inBase, () => 0), none);
      all.agree -= self.agree;
      all.compatible -= self.compatible;
      all.conflict -= self.conflict;
    }
    tally.same.agree += all.agree;
    tally.same.compatible += all.compatible;
    tally.same.conflict += all.conflict;
  }
  const byKind = split(statements, (s) => s.kind);
  for (const [part, whole] of partOf) {
    const parts = byKind.get(part);
    const wholes = byKind.get(whole);
    if (parts === undefined || wholes === undefined) continue;
    let pairs = parts.length * wholes.length;
    let conflict = disjointPairs(nodesOf(wholes, () => 0), nodesOf(parts, () => 0), listing("part of"));
    for (const mine of byVoice) {
      const p = mine.filter((s) => s.kind === part);
      const w = mine.filter((s) => s.kind === whole);
      if (p.length === 0 || w.length === 0) continue;
      pairs -= p.length * w.length;
      conflict -= disjointPairs(nodesOf(w, () => 0), nodesOf(p, () => 0), none);
    }
    tally.part.conflict += conflict;
    tally.part.compatible += pairs - conflict;
  }
  return tally;
}

/** Per voice and measure, the highest start and the lowest end of what it states (for a voice of one interval, that interval). */
interface Bounds {
  start: Float64Array;
  end: Float64Array;
}

function boundsOf(statements: readonly Statement[], voices: number, width: number, measure: (s: Statement) => number): Bounds {
  const start = new Float64Array(voices * width).fill(-Infinity);
  const end = new Float64Array(voices * width).fill(Infinity);
  for (const s of statements) {
    const at = s.voice * width + measure(s);
    start[at] = Math.max(start[at]!, s.start);
    end[at] = Math.min(end[at]!, s.claim.figure.high ?? Infinity);
  }
  return { start, end };
}

/**
 * Which voices lie outside every largest consistent set (outliers) and which outside some (not
 * trusted). One measure whose voices each state one interval (or intervals that share a point): a
 * sweep, exact. Otherwise the graph of which voices clash, built from each voice's bounds per measure
 * (two voices clash when one's highest start passes the other's lowest end), and its minimum covers.
 * Past VOICE_PAIR_WORK, or a cover too large to search, no voice is named: every voice that clashes
 * with another is left out of the consensus, and the group says why.
 */
function rolesOf(
  statements: readonly Statement[],
  bases: number,
  kinds: number,
  partOf: ReadonlyArray<readonly [number, number]>,
): { roles: CoverRoles; unnamed?: "cover-too-large" | "too-many-sources" } {
  let voices = 0;
  for (const s of statements) voices = Math.max(voices, s.voice + 1);
  const same = boundsOf(statements, voices, bases, (s) => s.base);
  let inverted = false;
  for (let k = 0; k < same.start.length && !inverted; k++) if (same.start[k]! > same.end[k]!) inverted = true;
  if (bases === 1 && partOf.length === 0 && !inverted) {
    const intervals: Array<{ voice: number; low: number; high: number | null }> = [];
    for (let v = 0; v < voices; v++) if (same.start[v] !== -Infinity) intervals.push({ voice: v, low: same.start[v]!, high: same.end[v] === Infinity ? null : same.end[v]! });
    return { roles: sweepRoles(intervals) };
  }
  const kind = boundsOf(statements, voices, kinds, (s) => s.kind);
  const clash = (u: number, v: number): boolean => {
    for (let b = 0; b < bases; b++) if (same.start[u * bases + b]! > same.end[v * bases + b]! || same.start[v * bases + b]! > same.end[u * bases + b]!) return true;
    for (const [p, w] of partOf) if (kind.start[u * kinds + p]! > kind.end[v * kinds + w]! || kind.start[v * kinds + p]! > kind.end[u * kinds + w]!) return true;
    return false;
  };
  if ((voices * (voices - 1) * (bases + partOf.length)) / 2 <= VOICE_PAIR_WORK) {
    const edges: Array<[number, number]> = [];
    for (let u = 0; u < voices; u++) for (let v = u + 1; v < voices; v++) if (clash(u, v)) edges.push([u, v]);
    const roles = coverRoles(edges);
    return roles.exact ? { roles } : { roles, unnamed: "cover-too-large" };
  }
  // Too many to weigh pair by pair: a voice clashes with another when its bounds pass the most extreme
  // bounds of the others (the first and second most extreme of each measure, so that a voice is never
  // measured against itself).
  const roles: CoverRoles = { inEvery: new Set(), inSome: new Set(), several: true, exact: false };
  const extremes = (bounds: Float64Array, width: number, pick: "max" | "min") => {
    const first = new Float64Array(width).fill(pick === "max" ? -Infinity : Infinity);
    const second = new Float64Array(width).fill(pick === "max" ? -Infinity : Infinity);
    const who = new Int32Array(width).fill(-1);
    const better = (a: number, b: number) => (pick === "max" ? a > b : a < b);
    for (let v = 0; v < voices; v++)
      for (let m = 0; m < width; m++) {
        const x = bounds[v * width + m]!;
        if (better(x, first[m]!)) [second[m], first[m], who[m]] = [first[m]!, x, v];
        else if (better(x, second[m]!)) second[m] = x;
      }
    return (v: number, m: number) => (who[m] === v ? second[m]! : first[m]!);
  };
  const [highestStart, lowestEnd] = [extremes(same.start, bases, "max"), extremes(same.end, bases, "min")];
  const [partStart, wholeEnd] = [extremes(kind.start, kinds, "max"), extremes(kind.end, kinds, "min")];
  for (let v = 0; v < voices; v++) {
    let clashes = false;
    for (let b = 0; b < bases && !clashes; b++) clashes = same.start[v * bases + b]! > lowestEnd(v, b) || same.end[v * bases + b]! < highestStart(v, b);
    for (const [p, w] of partOf) if (!clashes) clashes = kind.start[v * kinds + p]! > wholeEnd(v, w) || kind.end[v * kinds + w]! < partStart(v, p);
    if (clashes) roles.inSome.add(v);
  }
  return { roles, unnamed: "too-many-sources" };
}

/** The weakly graded claims that clash with something: below another's start, above another's end, a part above a whole's end, a whole below a part's start. */
function clashingWeak(statements: readonly Statement[], bases: number, kinds: number, partOf: ReadonlyArray<readonly [number, number]>): Claim[] {
  const highestStart = new Float64Array(kinds).fill(-Infinity);
  const lowestEnd = new Float64Array(kinds).fill(Infinity);
  const baseStart = new Float64Array(bases).fill(-Infinity);
  const baseEnd = new Float64Array(bases).fill(Infinity);
  for (const s of statements) {
    const end = s.claim.figure.high ?? Infinity;
    highestStart[s.kind] = Math.max(highestStart[s.kind]!, s.start);
    lowestEnd[s.kind] = Math.min(lowestEnd[s.kind]!, end);
    baseStart[s.base] = Math.max(baseStart[s.base]!, s.start);
    baseEnd[s.base] = Math.min(baseEnd[s.base]!, end);
  }
  return statements
    .filter((s) => {
      if (!isWeak(s.claim)) return false;
      const end = s.claim.figure.high ?? Infinity;
      if (end < baseStart[s.base]! || s.start > baseEnd[s.base]!) return true;
      return partOf.some(([p, w]) => (s.kind === p && s.start > lowestEnd[w]!) || (s.kind === w && end < highestStart[p]!));
    })
    .map((s) => s.claim);
}
