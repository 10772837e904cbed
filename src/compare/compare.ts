import { isCounted, type Claim, type CountedClaim } from "../claims/claim.js";
import { note, type GroupNote } from "../findings/notes.js";
import { actorNotes } from "./actors.js";
import { measureText, relateMeasures } from "../claims/measures.js";
import { overlaps, sameInterval } from "../figures/interval.js";
import type { Group } from "../group/group.js";
import { listOrNone } from "../util/word-table.js";
import { coverRoles } from "./cover.js";
import { sweepRoles } from "./sweep.js";
import { Finding, type PairVerdict, type Status } from "./findings.js";
import { compareLarge, LARGE_GROUP } from "./large.js";
import { consensusOf, isWeak, rolesOfClaims, weakGradesNote, type Consensus } from "./roles.js";

export { consensusOf, type Consensus } from "./roles.js";


export interface Comparison {
  status: Status;
  findings: Finding[];
  consensus: Consensus[];
  /** Per claim of the group, in its order: does it stand outside the largest consistent set? */
  outlier: boolean[];
  /** Set when a conflict has several largest consistent sets: only claims outside all of them are outliers; the rest cannot be told apart. */
  tie: boolean;
  /** Per claim (by index): the id of the later claim of the same source that replaces it (by reported_at), if any. Read it per claim: a group without revisions shares one empty list. */
  supersededBy: Array<string | undefined>;
  /** What the reader should know about how the group was compared (revisions kept, syndicated sources). */
  notes: GroupNote[];
}

export interface CompareOptions {
  /** Source name → the source it is counted as (a reprint, a channel's website): one source, not corroboration. */
  sameSource?: ReadonlyMap<string, string>;
  /** Pairs apart by at most this share (0.05 for 5%) read as compatible, the finding saying so. */
  tolerance?: number;
  /** Past this many statements a group's pairs are counted, not compared one by one (default LARGE_GROUP; tests set it to compare both ways). */
  largeGroup?: number;
}

/**
 * The source a claim counts as, after --same-source: the end of its chain of
 * aliases, or, where the chain runs in a circle, the circle's first name in
 * alphabetical order, so that every member counts as the same one.
 */
export function countedSource(source: string, sameSource: ReadonlyMap<string, string> | undefined): string {
  if (sameSource === undefined) return source;
  // Each source's answer is worked out once per table: a chain of 3,000 aliases walked for every
  // claim of every group cost seconds.
  // (Keyed by the table and its size: a table that grows between runs is worked out again.)
  let entry = resolved.get(sameSource);
  if (entry === undefined || entry.size !== sameSource.size) resolved.set(sameSource, (entry = { size: sameSource.size, known: new Map() }));
  const known = entry.known;
  const cached = known.get(source);
  if (cached !== undefined) return cached;
  const path: string[] = [];
  const onPath = new Map<string, number>();
  let at = source;
  let end: string;
  for (;;) {
    const seenAt = onPath.get(at);
    if (seenAt !== undefined) {
      end = path.slice(seenAt).sort()[0]!;
      break;
    }
    const settled = known.get(at);
    if (settled !== undefined) {
      end = settled;
      break;
    }
    onPath.set(at, path.length);
    path.push(at);
    const next = sameSource.get(at);
    if (next === undefined) {
      end = at;
      break;
    }
    at = next;
  }
  for (const p of path) known.set(p, end);
  return end;
}

const resolved = new WeakMap<ReadonlyMap<string, string>, { size: number; known: Map<string, string> }>();

/**
 * One source's several claims of one measure in a group: the latest by
 * reported_at supersedes the rest. Without a reported_at on each, all are kept
 * and the group says so. Revisions are a source's own: a reprint counted as
 * its original (--same-source) is not compared with it, but revises nothing.
 */
function revisions(claims: readonly Claim[], source: (c: Claim) => string): { supersededBy: Array<string | undefined>; notes: GroupNote[] } {
  const supersededBy: Array<string | undefined> = claims.map(() => undefined);
  const notes: GroupNote[] = [];
  const bySourceMeasure = new Map<string, number[]>();
  claims.forEach((c, i) => {
    if (!isCounted(c)) return;
    const key = `${source(c)}\u0000${c.outcome}\u0000${c.victims}`;
    const list = bySourceMeasure.get(key);
    if (list) list.push(i);
    else bySourceMeasure.set(key, [i]);
  });
  // In order of source and measure, not of the rows.
  const bySource = [...bySourceMeasure].sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0));
  for (const [, members] of bySource) {
    if (members.length < 2) continue;
    const first = claims[members[0]!]!;
    const what = { source: source(first), measure: measureText(first), claims: members.map((i) => claims[i]!.id) };
    if (members.some((i) => claims[i]!.reported_at === undefined)) {
      notes.push(note({ kind: "revisions-undated", ...what }));
      continue;
    }
    // As instants: "2016-09-01T23:00-05:00" is after "2016-09-02T01:00Z".
    const at = (i: number) => Date.parse(claims[i]!.reported_at!);
    const latest = members.reduce((a, b) => (at(b) > at(a) ? b : a));
    const tied = members.filter((i) => at(i) === at(latest));
    if (tied.length > 1) {
      notes.push(note({ kind: "revisions-tied", ...what, reported_at: claims[latest]!.reported_at! }));
      continue;
    }
    for (const i of members) if (i !== latest) supersededBy[i] = claims[latest]!.id;
    notes.push(note({ kind: "superseded", ...what, latest: claims[latest]!.id, reported_at: claims[latest]!.reported_at! }));
  }
  return { supersededBy, notes };
}

/** Compare two claims from different sources, or undefined when they measure unrelated things. */
export function comparePair(x: CountedClaim, y: CountedClaim, tolerance = 0): Finding | undefined {
  const relation = relateMeasures(x, y);
  if (relation === "unrelated") return undefined;
  if (relation === "same") {
    const kind: PairVerdict = sameInterval(x.figure, y.figure) ? "agree" : overlaps(x.figure, y.figure) ? "compatible" : "conflict";
    return tolerated(new Finding(kind, "same measure", x, y), tolerance);
  }
  const [part, whole] = relation === "a-within-b" ? [x, y] : [y, x];
  const fits = whole.figure.high === null || part.figure.low <= whole.figure.high;
  return tolerated(new Finding(fits ? "compatible" : "conflict", "part of", part, whole), tolerance);
}

/** A conflict apart by no more than the tolerance reads as compatible, and says so. */
function tolerated(f: Finding, tolerance: number): Finding {
  if (f.kind !== "conflict" || tolerance <= 0) return f;
  const gap = f.gap;
  if (gap === undefined || gap.relative > tolerance) return f;
  return new Finding("compatible", f.relation, f.x, f.y, tolerance);
}

const NOBODY: ReadonlySet<number> = new Set();
const ONE_STATEMENT: readonly number[][] = Object.freeze([Object.freeze([0])]) as readonly number[][];
const FIRST_VOICE: readonly number[] = Object.freeze([0]);

/** Verdicts for every pair of a group's claims from different sources, its status, consensus and outliers. */
export function compareGroup(group: Group, options: CompareOptions = {}): Comparison {
  const one = group.claims.length === 1 && (options.largeGroup === undefined || options.largeGroup >= 1);
  return (one ? compareOne(group, options) : undefined) ?? compareMany(group, options);
}

/**
 * A group of one claim (most of a dataset's events): single, its consensus its own figure, what
 * compareMany gives for it without the maps and lists it builds for many (a test holds the two
 * equal). A claim counted as another source (--same-source) is left to compareMany, for its note.
 */
export function compareOne(group: Group, options: CompareOptions = {}): Comparison | undefined {
  const c = group.claims[0]!;
  if (!comparedAlone(c, options)) return undefined;
  const statements = isCounted(c) ? ONE_STATEMENT : [];
  const { outlier, trusted } = rolesOfClaims(group.claims, statements, FIRST_VOICE, NOBODY, NOBODY);
  return {
    status: "single",
    findings: listOrNone([]),
    consensus: consensusOf(trusted, trusted),
    outlier,
    tie: false,
    supersededBy: listOrNone([]),
    // One claim has no revisions and no other side's actors: the notes are the links it passed over.
    notes: listOrNone([...group.passedOver]),
  };
}

/** Can compareOne compare a group of this claim alone? Not a claim counted as another source: compareMany gives it its note. */
export function comparedAlone(c: Claim, options: CompareOptions): boolean {
  return countedSource(c.source, options.sameSource) === c.source;
}

/** compareGroup for a group of any size. */
export function compareMany(group: Group, options: CompareOptions = {}): Comparison {
  const claims = group.claims;
  const source = (c: Claim) => countedSource(c.source, options.sameSource);
  const { supersededBy, notes: revisionNotes } = revisions(claims, (c) => c.source);
  const notes = [...group.passedOver, ...revisionNotes, ...actorNotes(claims)];
  const syndicated = new Map(claims.filter((c) => source(c) !== c.source).map((c) => [`${c.source} as ${source(c)}`, { source: c.source, as: source(c) }]));
  if (syndicated.size > 0) notes.push(note({ kind: "syndicated", sources: [...syndicated].sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0)).map(([, s]) => s) }));
  // Claims without a count, and claims a later one replaces, are shown but take part in nothing.
  const counted = claims.flatMap((c, i) => (isCounted(c) && supersededBy[i] === undefined ? [i] : []));
  // Claims that say the same thing (one source, one measure, one interval) are one statement:
  // they are compared once, so a file of a million identical rows costs one comparison, not a million squared.
  const statements = new Map<string, number[]>();
  for (const i of counted) {
    const c = claims[i] as CountedClaim;
    const key = `${source(c)}\u0000${c.outcome}\u0000${c.victims}\u0000${c.figure.low}\u0000${c.figure.high}`;
    const members = statements.get(key);
    if (members) members.push(i);
    else statements.set(key, [i]);
  }
  const groupsOf = [...statements.values()];
  // Voices are sources, not claims: all the measures of one record, and every claim of one source
  // (after --same-source), are one voice. Outliers and ties are decided on voices.
  // Voices are numbered in the order of their names, so that nothing decided on them follows the rows.
  const names = [...new Set(groupsOf.map((members) => source(claims[members[0]!]!)))].sort();
  const voiceIndex = new Map(names.map((name, k) => [name, k]));
  const voiceOf = groupsOf.map((members) => voiceIndex.get(source(claims[members[0]!]!))!);
  // Past LARGE_GROUP statements, pairs are counted from the sorted intervals, not compared one by one.
  if (groupsOf.length > (options.largeGroup ?? LARGE_GROUP)) return compareLarge(claims, groupsOf, voiceOf, options.tolerance ?? 0, supersededBy, notes);
  // One measure, one interval per voice (most groups): the largest consistent sets come from a sweep
  // over the intervals' ends, exact at any size.
  const first = groupsOf.length > 0 ? (claims[groupsOf[0]![0]!] as CountedClaim) : undefined;
  const sweepable =
    first !== undefined &&
    !(options.tolerance !== undefined && options.tolerance > 0) &&
    voiceIndex.size === groupsOf.length &&
    groupsOf.every((members) => {
      const c = claims[members[0]!]!;
      return c.outcome === first.outcome && c.victims === first.victims;
    });
  const findings: Finding[] = [];
  const conflicts: Array<[number, number]> = [];
  const conflictVoices = new Set<string>();
  let sameAgree = false;
  let sameOverlap = false;
  let partFits = false;
  let anyConflict = false;
  for (let a = 0; a < groupsOf.length; a++) {
    for (let b = a + 1; b < groupsOf.length; b++) {
      if (voiceOf[a] === voiceOf[b]) continue;
      const x = claims[groupsOf[a]![0]!] as CountedClaim;
      const y = claims[groupsOf[b]![0]!] as CountedClaim;
      const finding = comparePair(x, y, options.tolerance);
      if (finding === undefined) continue;
      findings.push(finding);
      if (finding.kind === "conflict") {
        anyConflict = true;
        const [u, v] = voiceOf[a]! < voiceOf[b]! ? [voiceOf[a]!, voiceOf[b]!] : [voiceOf[b]!, voiceOf[a]!];
        const key = `${u},${v}`;
        if (!conflictVoices.has(key)) {
          conflictVoices.add(key);
          conflicts.push([u, v]);
        }
      } else if (finding.relation === "same measure") {
        if (finding.kind === "agree") sameAgree = true;
        else sameOverlap = true;
      } else partFits = true;
    }
  }
  // agree: every same-measure pair states the same interval and every part fits its whole; a
  // part that fits its whole does not make agreeing figures merely compatible. Parts against
  // wholes alone, with no figure stated twice, are compatible: nothing was said alike.
  const status: Status = anyConflict ? "conflict" : sameOverlap ? "compatible" : sameAgree ? "agree" : partFits ? "compatible" : "single";
  // Conflicts by relative size, the largest first.
  if (anyConflict) findings.sort((p, q) => (q.kind === "conflict" ? 1 : 0) - (p.kind === "conflict" ? 1 : 0) || (q.gap?.relative ?? 0) - (p.gap?.relative ?? 0));
  // A conflict whose every clash involves an incident graded Weak, Contested or Discounted rests on weak evidence: said so.
  if (anyConflict) {
    const clashes = findings.filter((f) => f.kind === "conflict");
    if (clashes.every((f) => isWeak(f.x) || isWeak(f.y))) notes.push(weakGradesNote(clashes.flatMap((f) => [f.x, f.y]).filter(isWeak)));
  }
  // Outliers lie outside every largest consistent set of voices (in every minimum cover); only voices in
  // every largest set (in no minimum cover) are trusted for the consensus.
  const { inEvery, inSome: inAny, several, exact } = sweepable
    ? sweepRoles(groupsOf.map((members, k) => ({ voice: voiceOf[k]!, low: (claims[members[0]!] as CountedClaim).figure.low, high: (claims[members[0]!] as CountedClaim).figure.high })))
    : coverRoles(conflicts);
  if (!exact) notes.push(note({ kind: "outliers-not-named", reason: "cover-too-large" }));
  const { outlier, trusted } = rolesOfClaims(claims, groupsOf, voiceOf, inEvery, inAny);
  return {
    status,
    findings: listOrNone(findings),
    consensus: consensusOf(
      groupsOf.map((members) => claims[members[0]!] as CountedClaim),
      trusted,
    ),
    outlier,
    tie: conflicts.length > 0 && several,
    // Without revisions every entry is undefined: the shared empty list reads the same.
    supersededBy: supersededBy.some((s) => s !== undefined) ? supersededBy : listOrNone([]),
    notes: listOrNone(notes),
  };
}

