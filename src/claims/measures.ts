/**
 * What a figure counts: the outcome (killed, injured, or both together) and
 * the victims. Both form small hierarchies; a part's count can never exceed
 * its whole's.
 */
import { wordTable } from "../util/word-table.js";
export const OUTCOMES = ["killed", "injured", "killed_or_injured"] as const;
export type Outcome = (typeof OUTCOMES)[number];

const OUTCOME_WORDS: Record<string, Outcome> = wordTable({
  killed: "killed",
  dead: "killed",
  deaths: "killed",
  death: "killed",
  died: "killed",
  fatalities: "killed",
  injured: "injured",
  wounded: "injured",
  injuries: "injured",
  injury: "injured",
  hurt: "injured",
  maimed: "injured",
  morts: "killed",
  mort: "killed",
  tués: "killed",
  tuées: "killed",
  tué: "killed",
  décès: "killed",
  blessés: "injured",
  blessées: "injured",
  blessé: "injured",
  "قتيل": "killed",
  "قتلى": "killed",
  "قتلا": "killed",
  "قتيلا": "killed",
  "شهيد": "killed",
  "شهيدا": "killed",
  "شهداء": "killed",
  "جريحا": "injured",
  "جريح": "injured",
  "جرحى": "injured",
  "مصاب": "injured",
  "مصابين": "injured",
  "مصابا": "injured",
  killed_or_injured: "killed_or_injured",
  "killed or injured": "killed_or_injured",
  "killed or wounded": "killed_or_injured",
  "killed or maimed": "killed_or_injured",
  "killed and injured": "killed_or_injured",
  "dead or injured": "killed_or_injured",
  casualties: "killed_or_injured",
});

export function parseOutcome(text: string | undefined): Outcome | undefined {
  if (text === undefined) return "killed";
  return OUTCOME_WORDS[text.toLowerCase().replace(/[\s-]+/g, " ").trim()];
}

export const OUTCOME_EXPECTED = '"killed", "injured" or "killed or injured" (also dead, deaths, fatalities, wounded, hurt, maimed, casualties, killed or maimed; morts, tués, blessés; قتلى, جرحى, مصابين)';

/** The victims every unspecified figure counts. */
export const ALL_VICTIMS = "all";

const VICTIM_WORDS: Record<string, string> = wordTable({
  "": ALL_VICTIMS,
  all: ALL_VICTIMS,
  total: ALL_VICTIMS,
  people: ALL_VICTIMS,
  persons: ALL_VICTIMS,
  person: ALL_VICTIMS,
  civilian: "civilians",
  civilians: "civilians",
  fighter: "fighters",
  fighters: "fighters",
  combatant: "fighters",
  combatants: "fighters",
  child: "children",
  children: "children",
  woman: "women",
  women: "women",
  man: "men",
  men: "men",
  civils: "civilians",
  civiles: "civilians",
  enfants: "children",
  enfant: "children",
  femmes: "women",
  hommes: "men",
  combattants: "fighters",
  "مدنيين": "civilians",
  "مدنيا": "civilians",
  "مدني": "civilians",
  "أطفال": "children",
  "اطفال": "children",
  "طفلا": "children",
  "نساء": "women",
  "مقاتلين": "fighters",
  "مقاتلا": "fighters",
});

/** Is this a word the tool knows as a victim category (not a word kept as its own)? */
export function isKnownVictims(word: string): boolean {
  return Object.hasOwn(VICTIM_WORDS, word.toLowerCase());
}

/** Known categories and what each is part of, besides all victims. */
const VICTIM_PARENT: Record<string, string> = wordTable({
  children: "civilians",
});

/** A known word becomes its category; an unknown one is kept, lower-cased, as its own category. */
export function parseVictims(text: string | undefined): string {
  const key = (text ?? "").toLowerCase().replace(/\s+/g, " ").trim();
  return VICTIM_WORDS[key] ?? key;
}

/** Is victim category `part` contained in `whole` (and not equal to it)? `partWithin` is what the claim says its victims lie in. */
export function victimsWithin(part: string, whole: string, partWithin?: string): boolean {
  if (part === whole) return false;
  if (whole === ALL_VICTIMS) return true;
  let up = partWithin !== undefined && partWithin !== part ? partWithin : VICTIM_PARENT[part];
  while (up !== undefined) {
    if (up === whole) return true;
    up = VICTIM_PARENT[up];
  }
  return false;
}

export function outcomeWithin(part: Outcome, whole: Outcome): boolean {
  return part !== whole && whole === "killed_or_injured";
}

export interface Measure {
  outcome: Outcome;
  victims: string;
  /** The category the victims lie in, where the claim says so (a UCDP side within fighters). */
  within?: string | undefined;
}

/** How two measures relate: the same, one part of the other, or not comparable. */
export type MeasureRelation = "same" | "a-within-b" | "b-within-a" | "unrelated";

export function relateMeasures(a: Measure, b: Measure): MeasureRelation {
  const sameOutcome = a.outcome === b.outcome;
  const sameVictims = a.victims === b.victims;
  if (sameOutcome && sameVictims) return "same";
  const aInB = (sameOutcome || outcomeWithin(a.outcome, b.outcome)) && (sameVictims || victimsWithin(a.victims, b.victims, a.within));
  if (aInB) return "a-within-b";
  const bInA = (sameOutcome || outcomeWithin(b.outcome, a.outcome)) && (sameVictims || victimsWithin(b.victims, a.victims, b.within));
  if (bInA) return "b-within-a";
  return "unrelated";
}

export function measureText(m: Measure): string {
  const outcome = m.outcome.replace(/_/g, " ");
  return m.victims === ALL_VICTIMS ? outcome : `${m.victims} ${outcome}`;
}
