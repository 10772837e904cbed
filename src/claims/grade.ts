/**
 * How well a dataset graded the evidence for an incident: Airwars' scale,
 * strongest first. A claims file may carry a `grade` column in the same words.
 * `--min-grade` sets weaker incidents aside; a conflict that rests only on
 * the weak grades says so.
 */
export const GRADES = ["confirmed", "fair", "weak", "contested", "discounted"] as const;
export type Grade = (typeof GRADES)[number];

/** Grades too weak for a conflict to stand on alone. */
export const WEAK_GRADES: ReadonlySet<Grade> = new Set(["weak", "contested", "discounted"]);

export const GRADE_EXPECTED = `a grade: ${GRADES.join(", ")}`;

const BY_NAME: ReadonlyMap<string, Grade> = new Map(GRADES.map((g) => [g, g]));

export function parseGrade(text: string): Grade | undefined {
  return BY_NAME.get(text.trim().toLowerCase());
}

/** Is this grade at least as strong as the least one asked for? */
export function atLeast(grade: Grade, least: Grade): boolean {
  return GRADES.indexOf(grade) <= GRADES.indexOf(least);
}

export const gradeTitle = (g: Grade): string => g[0]!.toUpperCase() + g.slice(1);
