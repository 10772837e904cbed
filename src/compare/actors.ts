/**
 * The parties each dataset codes for an event, side by side. Datasets name
 * them in vocabularies of their own (UCDP's dyad "Government of Syria -
 * Syrian insurgents", Airwars' belligerent "Russian Military"), so a group is
 * never split on them. Each name is placed in the alliance it belongs to
 * where a short table knows it; two sources whose parties share no alliance
 * (Airwars' "YPG" against UCDP's "Government of Syria – Syrian insurgents")
 * are a visible mismatch, noted for the reader to check.
 */
import type { Claim } from "../claims/claim.js";
import { note, type GroupNote } from "../findings/notes.js";

/** Alliances and the names they go by in UCDP, Airwars and ACLED (lower case, matched as whole words). */
const ALLIANCES: Record<string, readonly string[]> = {
  "the Syrian government and its allies": ["government of syria", "syrian regime", "syrian government", "syrian arab army", "military forces of syria", "russian military", "government of russia", "russia", "iranian military", "government of iran", "hezbollah"],
  "the US-led coalition and the SDF": ["u.s.-led coalition", "us-led coalition", "coalition", "government of united states of america", "united states", "sdf", "syrian democratic forces", "ypg", "ypj", "pyd", "kurdish forces"],
  "Turkey and the SNA": ["turkish military", "government of turkey", "military forces of turkey", "turkey", "sna", "syrian national army", "tfsa"],
  Israel: ["israeli military", "government of israel", "military forces of israel", "israel"],
  "the Islamic State": ["is", "isis", "isil", "islamic state", "daesh"],
  "Syrian insurgents": ["syrian insurgents", "hts", "hayat tahrir al-sham", "free syrian army", "fsa"],
};

const escape = (s: string) => s.replace(/[.?+*()[\]^$|\\{}]/g, "\\$&");
const PATTERNS: Array<{ alliance: string; re: RegExp }> = Object.entries(ALLIANCES).map(([alliance, names]) => ({
  alliance,
  re: new RegExp(`(?:^|[^\\p{L}\\p{N}])(?:${names.map(escape).join("|")})(?=$|[^\\p{L}\\p{N}])`, "u"),
}));

const known = new Map<string, ReadonlySet<string>>();
/** The alliances a text of actors names (none when the table knows none of them). */
export function alliancesOf(actors: string): ReadonlySet<string> {
  let set = known.get(actors);
  if (set === undefined) {
    const text = actors.toLowerCase();
    set = new Set(PATTERNS.filter((p) => p.re.test(text)).map((p) => p.alliance));
    if (known.size < 10_000) known.set(actors, set);
  }
  return set;
}

/** Notes for a group whose claims come with actors from two sources or more: the actors side by side, and any mismatch. */
export function actorNotes(claims: readonly Claim[]): GroupNote[] {
  // Per source, its records' actors, in the order met.
  const bySource = new Map<string, Map<string, string>>();
  for (const c of claims) {
    if (c.actors === undefined) continue;
    let records = bySource.get(c.source);
    if (records === undefined) bySource.set(c.source, (records = new Map()));
    const unit = c.record ?? c.id;
    if (!records.has(unit)) records.set(unit, c.actors);
  }
  if (bySource.size < 2) return [];
  const sources = [...bySource.keys()].sort();
  const notes: GroupNote[] = [note({ kind: "actors", sides: sources.flatMap((s) => [...bySource.get(s)!].map(([record, actors]) => ({ source: s, record, actors }))) })];
  for (let i = 0; i < sources.length; i++) {
    for (let j = i + 1; j < sources.length; j++) {
      const texts = (s: string) => [...new Set(bySource.get(s)!.values())];
      const [a, b] = [texts(sources[i]!), texts(sources[j]!)];
      const of = (list: string[]) => new Set(list.flatMap((t) => [...alliancesOf(t)]));
      const [x, y] = [of(a), of(b)];
      if (x.size === 0 || y.size === 0 || [...x].some((k) => y.has(k))) continue;
      notes.push(note({ kind: "actors-mismatch", sides: [{ source: sources[i]!, actors: a, alliances: [...x] }, { source: sources[j]!, actors: b, alliances: [...y] }] }));
    }
  }
  return notes;
}
