/**
 * Located, coded input problems. Every problem the tool can find in its input
 * has a stable code from this table; messages always say where, what was
 * expected and what was found.
 */

export const ISSUE_CODES = {
  FILE_NOT_FOUND: "the input file does not exist",
  FILE_UNREADABLE: "the input could not be read (a directory, or no permission)",
  FILE_EMPTY: "the input holds no rows",
  FILE_ENCODING: "the input is not UTF-8 (or UTF-16 with a byte-order mark)",
  FILE_BINARY: "the input holds a NUL byte: it is binary data, not claims",
  FILE_FORMAT_UNKNOWN: "the input format could not be told from the file name or content",
  CSV_MALFORMED: "the CSV cannot be split into rows (for example a quote that is never closed)",
  CSV_RAGGED_ROW: "a CSV row has a different number of cells than the header",
  CSV_DUPLICATE_COLUMN: "two header cells map to the same field",
  JSON_MALFORMED: "the JSON cannot be parsed",
  JSON_NOT_CLAIMS: "the JSON is not an array of claims or an object with a \"claims\" array",
  NDJSON_MALFORMED_LINE: "an NDJSON line is not a JSON object",
  CLAIM_NOT_OBJECT: "a claim is not an object",
  CLAIM_INVALID_CELL: "a JSON field holds a list or an object where text or a number belongs, or a string with a NUL or a lone surrogate",
  CLAIM_DUPLICATE_KEY: "a JSON claim has two keys that differ only in case or spacing (figure, FIGURE): one value would be lost",
  CLAIM_MISSING_FIELD: "a required field is missing or empty",
  CLAIM_INVALID_FIGURE: "the figure cannot be read as a count",
  CLAIM_INVALID_NUMBER: "a numeric low/high/best cell is not a whole number of at least 0",
  CLAIM_INVALID_RANGE: "low is above high, or best lies outside low..high",
  CLAIM_INVALID_DATE: "the date is not a real calendar date in a supported form",
  CLAIM_INVALID_OUTCOME: "the outcome is not one the tool knows",
  CLAIM_MEASURE_MISMATCH: "the figure's words name another outcome or other victims than the outcome or victims column (\"40 wounded\" in a row whose outcome is killed)",
  CLAIM_INVALID_SCOPE: 'the scope is neither "event" nor "total"',
  CLAIM_INVALID_GRADE: "the grade is not one of confirmed, fair, weak, contested, discounted",
  CLAIM_INVALID_PLACE: "the place name has no letter or digit (\"---\", \"???\", emoji)",
  CLAIM_TOO_LONG: "a cell is longer than the tool reads: a figure over 200 characters, a place, region, source, event, perpetrator or actors over 1,000",
} as const;

export type IssueCode = keyof typeof ISSUE_CODES;

/** One problem in the input, with its place. `line` is 1-based; 0 means the file as a whole. */
export interface InputIssue {
  file: string;
  line: number;
  /** The column or field the problem is in, when there is one. */
  column?: string;
  code: IssueCode;
  expected?: string;
  got?: string;
  /** A free message for problems that do not fit expected/got. */
  message?: string;
}

export function formatIssue(issue: InputIssue): string {
  const where = issue.line > 0 ? `${issue.file}:${issue.line}` : issue.file;
  const parts: string[] = [];
  if (issue.column !== undefined) parts.push(`column ${quoted(issue.column)}`);
  if (issue.expected !== undefined) {
    parts.push(`expected ${issue.expected}, got ${issue.got ?? "nothing"}`);
  } else if (issue.message !== undefined) {
    parts.push(issue.message);
  }
  // One issue is one line: a header cell or a file name holding a newline or an escape sequence must
  // not forge another "file:line … [CODE]" line, or recolour the terminal.
  return oneLineText(`${where}: ${parts.join(": ")} [${issue.code}]`);
}

/** Control characters (newlines, ESC, DEL, C1) written as \uXXXX escapes. */
export function oneLineText(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

/** Short text of an issue without its place, as written into a rejects file. */
export function issueMessage(issue: InputIssue): string {
  const text = formatIssue({ ...issue, file: "", line: 0 });
  return text.replace(/^: /, "").replace(/ \[[A-Z_0-9]+\]$/, "");
}

/** Input that cannot be reconciled: all its problems, found before any output is written. */
export class InputError extends Error {
  readonly issues: InputIssue[];
  /** How many of the issues are of a file or a header, which --rejects cannot set aside (the rest are bad rows). */
  readonly fatal: number;
  constructor(issues: InputIssue[], fatal = issues.length) {
    super(issues.map(formatIssue).join("\n"));
    this.name = "InputError";
    this.issues = issues;
    this.fatal = fatal;
  }
}

/**
 * Problems with the command line, its option files and its outputs, each with a stable code, found
 * before any input is read (the outputs also when the report is written).
 */
export const USAGE_CODES = {
  USAGE_UNKNOWN_OPTION: "an option the command does not have",
  USAGE_UNKNOWN_COMMAND: "a word that reads as a mistyped command (\"reconcile lexcon\": did you mean \"lexicon\"?), not a file",
  USAGE_INVALID_ARGUMENT: "an option's value is not one it takes (--format xml, --date-window two)",
  USAGE_MISSING_ARGUMENT: "an option or a command given without the value it needs",
  USAGE_EXCESS_ARGUMENTS: "more arguments than the command takes",
  USAGE_NO_INPUT: "no claim files, and nothing piped to standard input",
  USAGE_STDIN_TWICE: 'standard input ("-") named more than once',
  USAGE_UNKNOWN_PRESET: "a --preset (or a config's preset) the tool does not have",
  USAGE_TOO_LARGE: "the inputs would need more memory than the run may use: split them, or allow more (NODE_OPTIONS=--max-old-space-size)",
  CONFIG_INVALID: "the config file cannot be read, is not JSON, or holds a key or value it does not take",
  BASELINE_INVALID: "the baseline file (--baseline) cannot be read, is not JSON, or is not a baseline reconcile baseline wrote",
  LEXICON_INVALID: "the lexicon file cannot be read or holds an entry the tool cannot use",
  PLACES_INVALID: "the gazetteer (--places) cannot be read or holds a row the tool cannot use",
  SOURCES_INVALID: "the source table (--sources) cannot be read or holds a row the tool cannot use",
  PRESET_INVALID: "a preset file (--preset FILE.json) cannot be read, is not JSON, or is not in the shape of docs/preset.schema.json",
  OUTPUT_FORMAT_UNKNOWN: "the format of -o cannot be told from its extension (.xlsx): give --format",
  OUTPUT_IS_INPUT: "-o or --rejects names a file this run reads (after links): writing it would destroy it",
  OUTPUT_COLLISION: "-o and --rejects name one file",
  OUTPUT_UNWRITABLE: "the report or the rejects cannot be written (a missing folder, no permission, a full disk)",
  TEMP_UNWRITABLE: "a large run cannot keep its claims' text in the temporary folder (missing, not writable, full): give --temp-dir, or --spill never",
} as const;

export type UsageCode = keyof typeof USAGE_CODES;

/** A wrong command line, option file or output: its message ends with its code, which the type checks. */
export class UsageError extends Error {
  readonly code: UsageCode;
  constructor(message: `${string} [${UsageCode}]`) {
    super(message);
    this.name = "UsageError";
    this.code = /\[([A-Z_]+)\]$/.exec(message)![1] as UsageCode;
  }
}

/** Quote a value found in the input for a message, cut to a readable length. */
export function quoted(value: unknown): string {
  const text = typeof value === "string" ? value : JSON.stringify(value) ?? String(value);
  const cut = text.length > 60 ? `${text.slice(0, 57)}...` : text;
  return JSON.stringify(cut);
}
