import type { Claim, CountedClaim } from "../../src/claims/claim.js";
import { parseDate } from "../../src/claims/date.js";
import type { Outcome } from "../../src/claims/measures.js";
import { hasFigure, readFigure } from "../../src/figures/read.js";
import type { Group } from "../../src/group/group.js";

/** A counted claim at Hama on 2016-09-01, its figure read as the tool reads it. */
export function claim(id: string, source: string, figure: string, victims = "all", outcome: Outcome = "killed"): CountedClaim {
  const f = readFigure(figure);
  if (!f.ok || !hasFigure(f.reading)) throw new Error(`bad test figure ${figure}`);
  return { id, source, figure: f.reading, outcome, victims, location: "Hama", date: parseDate("2016-09-01")!, extra: {}, file: "t.csv", line: 1 };
}

/** One group of the given claims, at Hama on 2016-09-01. */
export function group(claims: Claim[]): Group {
  const day = parseDate("2016-09-01")!.start;
  return { id: "G1", claims, location: "Hama", date: "2016-09-01", span: { start: day, end: day, precision: "day" }, place: { key: "n:0", level: "place", within: [] }, reasons: [], passedOver: [] };
}
