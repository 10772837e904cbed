/**
 * The constructions a figure can be written in, each with the interval it is
 * read as. Kept as a table so `reconcile explain` and the docs can show it.
 */
export const RULES = {
  exact: { form: "N", reading: "exactly N" },
  "at-least": { form: "at least N", reading: "N or more, with no upper end" },
  "more-than": { form: "more than N, over N", reading: "N+1 or more: the words are strict, so N itself is excluded" },
  "up-to": { form: "up to N", reading: "0 to N" },
  nearly: { form: "nearly N", reading: "below N but within 10% of it: ceil(0.9·N) to N−1" },
  about: { form: "about N, around N, approximately N", reading: "within 10% of N either way: floor(0.9·N) to ceil(1.1·N)" },
  range: { form: "between A and B, A-B, A–B, A to B", reading: "A to B" },
  columns: { form: "low / high / best columns", reading: "low to high as given (a missing high means no upper end)" },
  lexicon: { form: "a vague word (tens, dozens, several …)", reading: "the interval the active lexicon gives the word" },
} as const satisfies Record<string, { form: string; reading: string }>;

export type RuleId = keyof typeof RULES;
