/**
 * The command line: parse arguments, call the library, render, write, and turn
 * the outcome into an exit code. The only module that touches streams and exit codes.
 */
import { randomBytes } from "node:crypto";
import { once } from "node:events";
import { createWriteStream, existsSync, readFileSync, unlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { chmod, copyFile, realpath, rename, stat, unlink } from "node:fs/promises";
import { getHeapStatistics, setFlagsFromString } from "node:v8";
import { basename, dirname, extname, join, resolve } from "node:path";
import { Argument, Command, CommanderError, InvalidArgumentError, Option } from "commander";
import { completionScript, completionSpec, SHELLS, type Shell } from "./completion.js";
import { distance } from "fastest-levenshtein";
import { CLAIM_FIELDS, isClaimField, type ClaimField } from "./claims/fields.js";
import { GRADES, type Grade } from "./claims/grade.js";
import { InputError, UsageError, formatIssue, oneLineText, type UsageCode } from "./errors.js";
import { EXIT, FAIL_ON, getExitCode, type FailOn } from "./exit-code.js";
import { BUILT_IN_LEXICONS, lexiconAsFile, resolveLexicon, type Lexicon } from "./figures/lexicon.js";
import { formatInterval } from "./figures/interval.js";
import { formatFigure, ruleText, type Figure } from "./figures/read.js";
import { readStatement } from "./figures/compound.js";
import { ALL_VICTIMS, measureText } from "./claims/measures.js";
import { loadSourceTable } from "./compare/sources.js";
import { loadGazetteer } from "./group/gazetteer.js";
import { DEFAULT_WITHIN_KM } from "./group/group.js";
import { MATCH_MODES, type MatchMode } from "./group/matcher.js";
import { CONFIG_FILE, loadConfig } from "./config.js";
import { inputBytes, reconcile, SPILL_BYTES, spills, type InputSpec, type Progress, type ReconcileResult } from "./index.js";
import { getPreset, presetFileText, PRESETS } from "./presets/index.js";
import { INPUT_FORMATS, formatFromName, type InputFormat } from "./read/formats.js";
import { ENCODINGS, fileHead } from "./read/index.js";
import { OUTPUT_FORMATS, renderChunks, renderRejects, type OutputFormat, type RenderOptions } from "./report/index.js";
import { diffReports, diffText, isReportJson, type ReportJson } from "./diff/index.js";
import { baselineText, checkBaseline, makeBaseline, pruneBaseline, readBaseline, type BaselineCheck, type BaselineEntry, type BaselineFile } from "./findings/baseline.js";
import { csvLine, csvRecords } from "./report/csv.js";
import { plural, summaryLine } from "./report/table.js";
import { wordTable } from "./util/word-table.js";

export interface Io {
  stdout: { write(chunk: string): unknown; isTTY?: boolean };
  stderr: { write(chunk: string): unknown };
  /** Read all of standard input. */
  readStdin: () => Promise<Buffer>;
  stdinIsTTY?: boolean;
  /** Progress is shown on stderr only when it is a terminal. */
  stderrIsTTY?: boolean;
  env: Record<string, string | undefined>;
  /** Where a reconcile.json is looked for when no file is given (default: the process's working directory). */
  cwd?: string;
}

interface MainOptions {
  format?: OutputFormat;
  output?: string;
  inputFormat?: InputFormat;
  delimiter?: string;
  encoding?: string;
  sheet?: string;
  dayFirst?: boolean;
  monthFirst?: boolean;
  /** From a config file; --day-first and --month-first override it. */
  dateOrder?: "day-first" | "month-first";
  source?: string;
  map?: Partial<Record<ClaimField, string>>;
  dateWindow: number;
  failOn?: FailOn;
  maxRejects?: number;
  baseline?: string;
  prune?: boolean;
  /** reconcile baseline: the -o given on its command line (never a config's output). */
  baselineOutput?: string;
  rejects?: string;
  lexicon: string;
  match: MatchMode;
  threshold: number;
  tolerance?: number;
  minGrade?: Grade;
  withinKm: number;
  places?: string;
  sameSource?: Array<[string, string]>;
  sources?: string;
  preset?: string;
  config?: string;
  rawCsv?: boolean;
  quiet?: boolean;
  bom?: boolean;
  spill: Spill;
  tempDir?: string;
}

const FORMAT_BY_EXTENSION: Record<string, OutputFormat> = wordTable({
  ".csv": "csv",
  ".json": "json",
  ".ndjson": "ndjson",
  ".jsonl": "ndjson",
  ".txt": "table",
  ".html": "html",
  ".htm": "html",
  ".md": "markdown",
  ".markdown": "markdown",
});

function wholeDays(value: string): number {
  if (!/^\d+$/.test(value)) throw new InvalidArgumentError("expected a whole number of days, 0 or more.");
  return Number(value);
}

function rowCount(value: string): number {
  if (!/^\d+$/.test(value)) throw new InvalidArgumentError("expected a whole number of rows, 0 or more.");
  return Number(value);
}

function kmArg(value: string): number {
  if (!/^\d+(\.\d+)?$/.test(value) || Number(value) > 1000) throw new InvalidArgumentError("expected a distance in km from 0 to 1000, such as 5 or 2.5.");
  return Number(value);
}

function similarityArg(value: string): number {
  const n = Number(value);
  if (!/^(0(\.\d+)?|1(\.0+)?)$/.test(value) || Number.isNaN(n)) throw new InvalidArgumentError("expected a number from 0 to 1, such as 0.85.");
  return n;
}

function percentArg(value: string): number {
  const m = value.trim().match(/^(\d+(?:\.\d+)?)\s*%?$/);
  if (!m || Number(m[1]) > 100) throw new InvalidArgumentError("expected a share from 0% to 100%, such as 5%.");
  return Number(m[1]) / 100;
}

function samePair(value: string, previous: Array<[string, string]> | undefined): Array<[string, string]> {
  const eq = value.indexOf("=");
  const a = value.slice(0, eq).trim();
  const b = value.slice(eq + 1).trim();
  if (eq < 1 || a === "" || b === "") throw new InvalidArgumentError('expected A=B, e.g. "SANA=Syrian state TV".');
  return [...(previous ?? []), [a, b]];
}

function mapPair(value: string, previous: Partial<Record<ClaimField, string>> | undefined): Partial<Record<ClaimField, string>> {
  const eq = value.indexOf("=");
  const field = value.slice(0, eq).trim().toLowerCase();
  const column = value.slice(eq + 1);
  if (eq < 1 || column.trim() === "") throw new InvalidArgumentError("expected FIELD=COLUMN, e.g. figure=deaths.");
  if (!isClaimField(field)) throw new InvalidArgumentError(`"${field}" is not a field; fields: ${CLAIM_FIELDS.join(", ")}.`);
  return { ...previous, [field]: column };
}

const LEXICON_HELP = `how vague words read: ${BUILT_IN_LEXICONS.join(" or ")}, or a lexicon JSON file (see "reconcile lexicon")`;

const HELP_AFTER = `
Input: CSV, TSV, JSON (an array of claims, or {"claims": [...]}) or NDJSON.
Columns, matched by name whatever their case: source, figure (or low/high/best),
location, date (or date_start/date_end), and optionally event, outcome, victims,
country, admin1, admin2, id, record, scope, perpetrator, actors, grade,
reported_at, url, quote, notes. Other columns are carried to the output.

Statuses: agree, compatible, conflict, single (see README: "Reading the report").

Exit codes: 0 report written; 1 --fail-on found such a group or finding, or more rows were rejected than --max-rejects allows; 2 usage or input error.

Examples:
  reconcile fixtures/seed/hama-2016-09-01.csv
  reconcile claims/*.csv --date-window 1 --format json -o report.json
  reconcile claims/*.csv --date-window 1 -o report.html
  reconcile ours.csv --map figure=deaths --map location=town --fail-on conflict
  reconcile explain "at least 25" tens "between 10 and 15"`;

const BASELINE_HELP = `Usage: reconcile baseline [files...] [options]

Record the findings the data has now in a baseline file, to commit beside it: the pairs in conflict
(or, with --fail-on compatible, compatible too) and the findings across groups, by the ids and
fingerprints of their claims, and the rejected rows, by their cells. A run given --baseline FILE and
--fail-on then fails only on findings that are new or worse, and on entries that match nothing.

Options:
  -o, --output <file>  the baseline to write (default: the config's baseline, else
                       reconcile.baseline.json)
  --prune              keep only the entries of the baseline (--baseline, else -o's file) that still
                       match a finding: after a known conflict is resolved or a bad row fixed
  --fail-on <status>   record findings from this status: conflict (default) or compatible

Every option of reconcile that reads and groups claims applies (files, --config, --preset, --map,
--date-window, ...): see reconcile --help.

Examples:
  reconcile baseline --config reconcile.json -o reconcile.baseline.json
  reconcile --config reconcile.json --baseline reconcile.baseline.json --fail-on conflict
  reconcile baseline --config reconcile.json --prune
`;

export async function run(argv: readonly string[], io: Io, mode: "report" | "baseline" = "report"): Promise<number> {
  let exitCode: number = EXIT.ok;
  const program = new Command()
    .name("reconcile")
    .description("Group casualty claims by event, place and date, read each figure as an interval, and report where sources agree, are compatible or conflict.")
    .version("0.1.0")
    .argument("[files...]", 'claim files; "-" or none reads standard input')
    .addOption(new Option("-f, --format <format>", "report format (default: table on a terminal, else csv, or from -o's extension: .csv .json .ndjson .html .md .txt)").choices(OUTPUT_FORMATS))
    .option("-o, --output <file>", "write the report to a file instead of standard output")
    .addOption(new Option("--input-format <format>", "read every input as this format (default: from the extension; stdin is sniffed)").choices(INPUT_FORMATS))
    .option("--delimiter <char>", "the CSV delimiter: , ; tab or | (default: sniffed from the header and first rows)", delimiterArg)
    .addOption(new Option("--encoding <name>", "read files that are not UTF-8 (default: UTF-8, or UTF-16 with a byte-order mark)").choices(ENCODINGS))
    .option("--sheet <name>", "the sheet of an .xlsx workbook to read (default: the first)")
    .option("--day-first", "read numeric dates such as 01/09/2016 day first (1 September)")
    .option("--month-first", "read numeric dates such as 01/09/2016 month first (9 January)")
    .option("--source <name>", "source name for files that have no source column")
    .option("--preset <name|file>", `read the files as a dataset export: ${[...PRESETS.keys()].join(", ")}, or a preset file (.json); given before each file, each file's own (see "reconcile presets")`)
    .option("--map <field=column>", "read a field from a differently named column (repeatable)", mapPair)
    .option("--date-window <days>", "let dates this many days apart meet", wholeDays, 0)
    .option("--within-km <km>", "where both claims give coordinates: places this close meet whatever their names (widened by a coarse precision); over 25 km apart they never meet; 0 for names only", kmArg, DEFAULT_WITHIN_KM)
    .addOption(new Option("--fail-on <status>", "exit 1 when a group, or a report finding (containment, an inconsistent or duplicate record), is at least this bad").choices(FAIL_ON))
    .option("--rejects <file>", "write bad rows to this CSV and reconcile the rest (else any bad row stops the run)")
    .option("--max-rejects <n>", "with --rejects: exit 1 when more than n rows are set aside, whole or in part (a dataset's known bad rows allowed, not new ones)", rowCount)
    .option("--baseline <file>", "the findings a dataset is known to have (written by reconcile baseline): --fail-on fails only on new or worse ones, and on entries that match nothing any more")
    .addOption(new Option("--prune", "(reconcile baseline) drop the entries that match nothing").hideHelp())
    .option("--lexicon <name|file>", LEXICON_HELP, "default")
    .addOption(
      new Option("--match <mode>", "how place names meet: exact spelling; normal (case, diacritics, articles, transliteration variants); fuzzy (normal, then similar spellings)")
        .choices(MATCH_MODES)
        .default("normal"),
    )
    .option("--threshold <similarity>", "with --match fuzzy: the least similarity (0 to 1) of two names that meet", similarityArg, 0.85)
    .option("--tolerance <percent>", "read pairs apart by at most this share of the larger figure as compatible, saying so (e.g. 5%)", percentArg)
    .addOption(
      new Option("--min-grade <grade>", "set aside incidents a dataset graded below this (Airwars: confirmed > fair > weak > contested > discounted); ungraded claims stay").choices(GRADES),
    )
    .option("--places <file>", "a gazetteer (CSV or JSON: name, aliases, parent, level) that overrides and extends place matching")
    .option("--same-source <a=b>", "count source b as source a: a reprint, a channel's website (repeatable)", samePair)
    .option("--sources <file>", "a source table (CSV: source, same_as) of sources that count as one")
    .option("--raw-csv", "leave CSV cells that begin with = + - @ as they are (default: prefix them with ' so spreadsheets do not run them)")
    .option("--bom", "start CSV output (the report and --rejects) with a UTF-8 byte-order mark, so Excel opens Arabic and other non-Latin text readably")
    .option("-q, --quiet", "print nothing on stderr but errors (no summary, no count of rejected rows, no progress)")
    .addOption(
      new Option("--spill <when>", `keep the claims' url, quote, notes and other columns in a temporary file, not in memory: auto (inputs of ${SPILL_BYTES / 1024 / 1024} MB or more), always, never`)
        .choices(SPILLS)
        .default("auto"),
    )
    .option("--temp-dir <dir>", "the folder of that temporary file (default: $TMPDIR, else the system's)")
    .option("--config <file>", `a config file of inputs and options (default: ${CONFIG_FILE} here, when no file is given and nothing is piped in); flags override it`)
    .addHelpText("after", HELP_AFTER)
    // Options after a command name belong to that command ("explain --lexicon acled tens").
    .enablePositionalOptions()
    .exitOverride()
    // Commander's own errors are held, and written with their code when the error reaches run().
    .configureOutput({ writeOut: (s) => io.stdout.write(s), writeErr: (s) => io.stderr.write(s), outputError: () => {} })
    .action(async (files: string[], options: MainOptions, command: Command) => {
      // "--preset airwars a.csv --preset ucdp-ged b.csv": each file read with the preset before it.
      const perFile = optionsByFile(argv, command, files);
      // A first word that is no file but reads as a command: "help", or a command mistyped.
      const first = files[0];
      if (first !== undefined && /^[a-z-]+$/i.test(first) && !existsSync(first)) {
        if (first === "help") {
          io.stdout.write(command.helpInformation());
          exitCode = EXIT.ok;
          return;
        }
        const names = command.commands.map((c) => c.name());
        const near = names.find((n) => distance(n, first.toLowerCase()) <= 2);
        if (near !== undefined) throw new UsageError(`unknown command "${first}" (did you mean "${near}"?); or, if it is a file, it does not exist [USAGE_UNKNOWN_COMMAND]`);
      }
      const implicit = await implicitConfig(files, options, io);
      const configured = withConfig(files, options, command, implicit.path);
      if (mode === "baseline") configured.baselineOutput = command.getOptionValueSource("output") === "cli" ? options.output : undefined;
      exitCode = await main(files, configured, implicit.io, perFile, mode);
    });

  if (mode === "report") {
    program
      .command("diff")
      .description("what changed between two runs (claim files, config files or JSON reports): claims added, removed and changed, groups whose status or consensus moved, new, worse and resolved conflicts")
      .helpOption(false)
      .allowUnknownOption()
      .allowExcessArguments()
      .argument("[args...]", "OLD NEW, then options")
      .action(async (args: string[]) => {
        exitCode = await diffCommand(args, io);
      });
    // The run's own options, read by the main command: "reconcile baseline a.csv --preset acled -o b.json".
    program
      .command("baseline")
      .description("record the findings the data has now (conflicts, findings across groups, rejected rows) in a baseline file for --baseline; --prune drops entries that match nothing")
      .helpOption(false)
      .allowUnknownOption()
      .allowExcessArguments()
      .argument("[args...]", "claim files and options, as for reconcile")
      .action(async (args: string[]) => {
        const before = program.options.filter((o) => program.getOptionValueSource(o.attributeName()) === "cli").map((o) => o.long ?? o.short);
        if (before.length > 0) throw new UsageError(`${before.join(", ")} given before "baseline": options go after the command (reconcile baseline [files...] [options]) [USAGE_INVALID_ARGUMENT]`);
        if (args.includes("--help") || args.includes("-h")) {
          io.stdout.write(BASELINE_HELP);
          return;
        }
        exitCode = await run(args, io, "baseline");
      });
  }

  program
    .command("explain")
    .description("show how each figure is read: its interval, best count, and the rule or lexicon entry used")
    .argument("<figure...>", "figures as a source would write them")
    .option("--lexicon <name|file>", LEXICON_HELP, "default")
    .action((figures: string[], options: { lexicon: string }) => {
      exitCode = explain(figures, resolveLexicon(options.lexicon), io);
    });

  program
    .command("presets")
    .description("list the dataset presets: what each reads and how; --show NAME prints one as a file to start your own from")
    .option("--show <name>", "print the preset as JSON, in the shape --preset FILE.json reads (docs/preset.schema.json)")
    .action((options: { show?: string }) => {
      io.stdout.write(options.show !== undefined ? presetFileText(options.show) : presetsText());
    });

  program
    .command("lexicon")
    .description("print the active lexicon of vague words: each phrase, its aliases, interval, best count and reason")
    .option("--lexicon <name|file>", LEXICON_HELP, "default")
    .addOption(new Option("-f, --format <format>", "table for reading, json for a file to start your own lexicon from").choices(["table", "json"]).default("table"))
    .action((options: { lexicon: string; format: "table" | "json" }) => {
      const lexicon = resolveLexicon(options.lexicon);
      io.stdout.write(options.format === "json" ? `${JSON.stringify(lexiconAsFile(lexicon), null, 2)}\n` : lexiconTable(lexicon));
    });

  program
    .command("completion")
    .description("print a shell completion script: bash, zsh or fish (see the README's Shell completion)")
    .addArgument(new Argument("<shell>", "the shell to complete for").choices(SHELLS))
    .action((shell: Shell) => {
      const spec = completionSpec(program, { "--preset": [...PRESETS.keys()], "--lexicon": [...BUILT_IN_LEXICONS] }, { completion: SHELLS });
      io.stdout.write(completionScript(shell, spec));
    });

  try {
    await program.parseAsync(argv, { from: "user" });
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.code === "commander.helpDisplayed" || error.code === "commander.version" || error.code === "commander.help") return EXIT.ok;
      const text = oneLineText(error.message.replace(/^error: /, "").trimEnd());
      io.stderr.write(`reconcile: ${text} [${COMMANDER_CODES[error.code] ?? "USAGE_INVALID_ARGUMENT"}]\n(run "reconcile --help" for usage)\n`);
      return EXIT.error;
    }
    if (error instanceof InputError) {
      io.stderr.write(`${error.issues.map(formatIssue).join("\n")}\n`);
      // --rejects sets bad rows aside; a problem of a whole file or of its header it cannot.
      const hint =
        error.fatal === 0
          ? "use --rejects FILE to set bad rows aside"
          : error.fatal === error.issues.length
            ? `${error.fatal === 1 ? "a file or header problem" : "file or header problems"}, which --rejects cannot set aside: fix the input or its column mapping`
            : `${error.fatal} of them ${error.fatal === 1 ? "is a file or header problem" : "are file or header problems"}, which --rejects cannot set aside: fix the input or its column mapping`;
      io.stderr.write(`reconcile: ${error.issues.length} problem${error.issues.length === 1 ? "" : "s"} in the input; nothing was written (${hint})\n`);
      return EXIT.error;
    }
    if (error instanceof UsageError) {
      io.stderr.write(`reconcile: ${error.message}\n`);
      return EXIT.error;
    }
    throw error;
  }
  return exitCode;
}

/** --delimiter: one character, with "tab" (or \\t) for a tab. */
function delimiterArg(value: string): string {
  const d = value === "tab" || value === "\\t" ? "\t" : value;
  if ([...d].length !== 1 || d === '"' || d === "\n" || d === "\r") throw new InvalidArgumentError('expected one character: , ; | or "tab"');
  return d;
}

/**
 * What a run holds, measured on the workloads of bench/, in two parts: its claims, and the text it keeps
 * in memory. Each claim, with its group, took up to about 900 bytes of heap at the peak of a whole
 * ACLED-like export (2.5M claims) with its text in memory: 1,200 with a margin. With the text on disk
 * (--spill), a claim holds a few fields and shares the rest, and a group of one claim is the claim:
 * about 400 bytes at the peak, 600 with a margin. The text: about eight times the bytes read when the
 * claims keep it in memory (ACLED 105 MB held 850 MB, unique text 24 MB 250 MB), three times when it is
 * in a temporary file (--spill: ACLED 105 MB ran in a 250 MB heap, not in 180 MB). Inputs that would
 * need more than the heap can grow to are refused before anything is read, with what to do, rather
 * than read for minutes to a crash.
 */
const BYTES_HELD_PER_BYTE_READ = { memory: 8, spilled: 3 } as const;
const HEAP_PER_CLAIM = { memory: 1_200, spilled: 600 } as const;

/** How much the heap of a run of large inputs grows between full collections, in percent (V8's --heap-growing-percent). */
const LARGE_RUN_HEAP_GROWTH = 30;

/** --spill: when the claims' carried text goes to a temporary file. */
const SPILLS = ["auto", "always", "never"] as const;
type Spill = (typeof SPILLS)[number];

/**
 * About how many claims an input gives, from the lines of its first 64 KB that hold more than
 * delimiters (CSV, TSV and NDJSON files; a line per row, or more where cells hold line breaks, so
 * never fewer) and its preset's measures a row
 * (UCDP GED's five). Undefined where that cannot be told (JSON, a workbook, standard input).
 */
async function claimsEstimate(spec: InputSpec): Promise<number | undefined> {
  if (!("path" in spec.source)) return undefined;
  const format = spec.format ?? formatFromName(spec.source.path);
  if (format !== "csv" && format !== "tsv" && format !== "ndjson") return undefined;
  const info = await stat(spec.source.path).catch(() => undefined);
  if (info?.isFile() !== true) return undefined;
  let head: Buffer;
  try {
    head = fileHead(spec.source.path);
  } catch {
    // Unreadable: the reader says so, with its own code.
    return undefined;
  }
  // Rows, not lines: a blank line, or a spreadsheet's ";;;;" under its data, is no claim.
  let lines = 0;
  let text = false;
  for (const b of head) {
    if (b === 10) {
      if (text) lines++;
      text = false;
    } else if (!text && b !== 13 && b !== 32 && b !== 9 && b !== 44 && b !== 59 && b !== 124 && b !== 34) text = true;
  }
  if (lines < 2) return undefined;
  const perRow = spec.preset !== undefined ? getPreset(spec.preset).measures.length : 1;
  return Math.ceil((info.size / (head.length / lines)) * perRow);
}

async function checkMemory(inputs: readonly InputSpec[], bytes: number, spilled: boolean): Promise<void> {
  const limit = getHeapStatistics().heap_size_limit;
  let claims = 0;
  for (const spec of inputs) claims += (await claimsEstimate(spec)) ?? 0;
  const held = spilled ? "spilled" : "memory";
  const need = Math.max(bytes * BYTES_HELD_PER_BYTE_READ[held], claims * HEAP_PER_CLAIM[held]);
  if (need <= limit) return;
  const mb = (n: number) => `${Math.ceil(n / 1e6).toLocaleString("en-US")} MB`;
  const what = claims > 0 ? `${mb(bytes)} (about ${claims >= 1e6 ? `${(claims / 1e6).toFixed(1)} million` : claims.toLocaleString("en-US")} claims)` : mb(bytes);
  const spillNeed = Math.max(bytes * BYTES_HELD_PER_BYTE_READ.spilled, claims * HEAP_PER_CLAIM.spilled);
  const instead = spilled || spillNeed >= need ? "" : ` (or keep the claims' text on disk with --spill always: about ${mb(spillNeed)})`;
  throw new UsageError(
    `the inputs are ${what}, and reconciling them needs about ${mb(need)} of memory, more than this run may use (${mb(limit)}): split them (by country or by year), or allow more with NODE_OPTIONS=--max-old-space-size=${Math.ceil((need * 1.2) / 1e6)}${instead} [USAGE_TOO_LARGE]`,
  );
}

/** Commander's error codes as the tool's. */
const COMMANDER_CODES: Record<string, UsageCode> = {
  "commander.unknownOption": "USAGE_UNKNOWN_OPTION",
  "commander.unknownCommand": "USAGE_UNKNOWN_COMMAND",
  "commander.invalidArgument": "USAGE_INVALID_ARGUMENT",
  "commander.missingArgument": "USAGE_MISSING_ARGUMENT",
  "commander.optionMissingArgument": "USAGE_MISSING_ARGUMENT",
  "commander.missingMandatoryOptionValue": "USAGE_MISSING_ARGUMENT",
  "commander.excessArguments": "USAGE_EXCESS_ARGUMENTS",
};

/** Keys a config file may set, by the flag's option name. */
const CONFIG_KEYS = ["format", "output", "dateWindow", "dateOrder", "failOn", "maxRejects", "baseline", "rejects", "lexicon", "match", "threshold", "tolerance", "minGrade", "withinKm", "places", "sources"] as const;

interface Configured extends MainOptions {
  /** The config file read, if any: never an output. */
  configPath?: string;
  inputs?: Array<{ path: string; preset?: string; source?: string; map?: Partial<Record<ClaimField, string>>; format?: InputFormat; delimiter?: string; encoding?: string; sheet?: string }>;
}

/**
 * The reconcile.json of the working directory, when it is the run's config: no file and no --config
 * given, and no claims on standard input. Claims piped in are read, not the config; standard input
 * that is not a terminal is read here to tell (and handed on, read once). Stderr says which was used.
 */
async function implicitConfig(files: string[], options: MainOptions, io: Io): Promise<{ path?: string; io: Io }> {
  if (files.length > 0 || options.config !== undefined) return { io };
  const found = join(io.cwd ?? process.cwd(), CONFIG_FILE);
  if (!existsSync(found)) return { io };
  const say = (text: string) => {
    if (options.quiet !== true) io.stderr.write(`reconcile: ${text}\n`);
  };
  if (io.stdinIsTTY !== true) {
    const bytes = await io.readStdin();
    const once: Io = { ...io, readStdin: async () => bytes };
    if (bytes.some((b) => b !== 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d)) {
      say(`reading the claims on standard input; ${CONFIG_FILE} in this folder is not used (give --config ${CONFIG_FILE} to use it)`);
      return { io: once };
    }
    io = once;
  }
  say(`using ${CONFIG_FILE} in this folder (no input given; --config names another)`);
  return { path: found, io };
}

/**
 * Options from a config file (--config, or reconcile.json in the working
 * directory when no file is given), under the flags given on the command line.
 */
function withConfig(files: string[], options: MainOptions, command: Command, implicit: string | undefined): Configured {
  const path = options.config ?? implicit;
  if (path === undefined) return options;
  const config = loadConfig(path);
  const merged: Configured = { ...options, configPath: path };
  const fromCli = (key: string) => command.getOptionValueSource(key) === "cli";
  for (const key of CONFIG_KEYS) {
    if (config[key] !== undefined && !fromCli(key)) (merged as unknown as Record<string, unknown>)[key] = config[key];
  }
  if (config.sameSource !== undefined) merged.sameSource = [...Object.entries(config.sameSource).map(([b, a]): [string, string] => [a, b]), ...(options.sameSource ?? [])];
  // Files on the command line replace the config's inputs.
  if (files.length === 0 && config.inputs !== undefined) merged.inputs = config.inputs;
  return merged;
}

/** What a file's own options say, where options are given per file. */
interface FileOptions {
  preset?: string;
  source?: string;
  map?: Partial<Record<ClaimField, string>>;
}

/**
 * Options given per file: "--preset airwars --source A a.csv --preset ucdp-ged --source B b.csv". A file
 * takes the last --preset and --source before it, when either is given with more than one value (one
 * value, however often repeated, is every file's; a file before the first of several is an error, since
 * it could mean either); and, when a --map stands between two files, the --maps given since the file
 * before it (with those before the first file and after the last, which are every file's).
 */
function optionsByFile(argv: readonly string[], command: Command, files: readonly string[]): FileOptions[] | undefined {
  const takesValue = new Set(command.options.filter((o) => o.required || o.optional).flatMap((o) => [o.long, o.short].filter((f): f is string => f !== undefined)));
  const given = { preset: [] as string[], source: [] as string[] };
  const current: { preset?: string; source?: string } = {};
  let segment: Partial<Record<ClaimField, string>> = {};
  let mapAfterFile = false;
  const perFile: Array<{ preset?: string; source?: string; map: Partial<Record<ClaimField, string>> }> = [];
  const file = () => {
    // A --map between two files belongs to the file after it; those before the first file, or after the
    // last, are every file's (reconcile a.csv --map location=town).
    if (perFile.length > 0 && Object.keys(segment).length > 0) mapAfterFile = true;
    perFile.push({ ...current, map: segment });
    segment = {};
  };
  for (let k = 0; k < argv.length; k++) {
    const token = argv[k]!;
    if (token === "--") {
      for (let r = k + 1; r < argv.length; r++) file();
      break;
    }
    const [flag, inline] = token.startsWith("--") && token.includes("=") ? [token.slice(0, token.indexOf("=")), token.slice(token.indexOf("=") + 1)] : [token, undefined];
    if (flag === "--preset" || flag === "--source") {
      const value = inline ?? argv[++k];
      if (value === undefined) continue;
      const key = flag === "--preset" ? "preset" : "source";
      current[key] = value;
      given[key].push(value);
    } else if (flag === "--map") {
      const value = inline ?? argv[++k];
      if (value === undefined) continue;
      try {
        segment = mapPair(value, segment);
      } catch {
        // commander has already refused a bad --map.
      }
    } else if (token.startsWith("-") && token !== "-") {
      if (takesValue.has(token)) k++;
    } else file();
  }
  // The --maps before the first file and after the last are every file's.
  const leading = perFile[0]?.map ?? {};
  const perPreset = new Set(given.preset).size > 1;
  const perSource = new Set(given.source).size > 1;
  if (!perPreset && !perSource && !mapAfterFile) return undefined;
  for (const [key, on] of [["preset", perPreset], ["source", perSource]] as const) {
    if (!on) continue;
    const first = perFile.findIndex((f) => f[key] === undefined);
    if (first >= 0 && files[first] !== undefined) {
      throw new UsageError(`--${key} is given ${given[key].length} times, but ${files[first]} comes before any: give each file's --${key} before it (${key === "preset" ? "--preset airwars a.csv --preset ucdp-ged b.csv" : "--source SOHR a.csv --source SANA b.csv"}) [USAGE_INVALID_ARGUMENT]`);
    }
  }
  return perFile.slice(0, files.length).map((f) => ({
    ...(perPreset && f.preset !== undefined && { preset: f.preset }),
    ...(perSource && f.source !== undefined && { source: f.source }),
    ...(mapAfterFile && { map: { ...leading, ...segment, ...f.map } }),
  }));
}

async function main(files: string[], options: Configured, io: Io, perFile: FileOptions[] | undefined, mode: "report" | "baseline"): Promise<number> {
  const paths = options.inputs !== undefined ? options.inputs.map((i) => i.path) : files.length === 0 ? ["-"] : files;
  // "-o -" is standard output, as "-" is standard input.
  if (options.prune === true && mode !== "baseline") throw new UsageError("--prune is for reconcile baseline: reconcile baseline --prune [USAGE_INVALID_ARGUMENT]");
  const cwd = io.cwd ?? process.cwd();
  // reconcile baseline writes the baseline where -o says, else where the config keeps it, else beside the data.
  // Only a -o given with the command names it: a config's output is its report's, never the baseline.
  if (mode === "baseline" && options.baselineOutput === "-") throw new UsageError("reconcile baseline writes a file, not standard output: give -o FILE [USAGE_INVALID_ARGUMENT]");
  const baselineOut = mode === "baseline" ? resolve(cwd, options.baselineOutput ?? options.baseline ?? BASELINE_FILE) : undefined;
  const output = mode === "baseline" ? baselineOut : options.output === "-" ? undefined : options.output;
  // A baseline is read and checked before anything else is: a bad one stops the run with nothing written.
  const known = mode === "report" ? (options.baseline !== undefined ? readBaseline(options.baseline) : undefined) : options.prune === true ? readBaseline(options.baseline ?? baselineOut!) : undefined;
  if (mode === "report" && output !== undefined && options.format === undefined) {
    const ext = extname(output).toLowerCase();
    if (ext !== "" && FORMAT_BY_EXTENSION[ext] === undefined) {
      throw new UsageError(
        `cannot tell the report format of ${output}: the tool does not write ${ext} (it writes ${Object.keys(FORMAT_BY_EXTENSION).join(", ")}; or give --format) [OUTPUT_FORMAT_UNKNOWN]`,
      );
    }
  }
  if (options.maxRejects !== undefined && options.rejects === undefined) {
    throw new UsageError("--max-rejects counts the rows --rejects sets aside: give --rejects FILE too (without it any bad row stops the run) [USAGE_INVALID_ARGUMENT]");
  }
  // Nothing the user gave is overwritten: an output that is an input or an option file, or two outputs that are one file, stop the run before anything is read.
  await checkOutputsApart(
    // Inputs that do not exist are reported as such when read; they are nothing an output could destroy.
    [...paths.filter((p) => p !== "-"), options.places, options.sources, options.lexicon, options.configPath, mode === "report" ? options.baseline : undefined].filter((p): p is string => p !== undefined && existsSync(p)),
    [
      ["--rejects", options.rejects],
      ["-o", output],
    ],
  );
  if (paths.filter((p) => p === "-").length > 1) throw new UsageError('standard input ("-") can be read only once [USAGE_STDIN_TWICE]');
  if (paths.includes("-") && io.stdinIsTTY) {
    throw new UsageError('no input: give claim files, or pipe claims to standard input (run "reconcile --help" for usage) [USAGE_NO_INPUT]');
  }
  // Option files (and the preset's name) are checked before any input is read.
  if (options.preset !== undefined) getPreset(options.preset);
  for (const i of options.inputs ?? []) if (i.preset !== undefined) getPreset(i.preset);
  const lexicon = resolveLexicon(options.lexicon);
  const gazetteer = options.places !== undefined ? loadGazetteer(options.places) : undefined;
  const sameSource = options.sources !== undefined ? loadSourceTable(options.sources) : new Map<string, string>();
  for (const [a, b] of options.sameSource ?? []) sameSource.set(b, a);
  const inputs: InputSpec[] = [];
  for (const [k, path] of paths.entries()) {
    const source = path === "-" ? { name: "stdin", bytes: await io.readStdin() } : { path };
    const own = options.inputs?.[k];
    const format = own?.format ?? options.inputFormat;
    const sourceName = own?.source ?? perFile?.[k]?.source ?? options.source;
    const map = own?.map ?? perFile?.[k]?.map ?? options.map;
    const preset = own?.preset ?? perFile?.[k]?.preset ?? options.preset;
    if (preset !== undefined) getPreset(preset);
    inputs.push({
      source,
      ...(format !== undefined && { format }),
      ...((own?.delimiter ?? options.delimiter) !== undefined && { delimiter: own?.delimiter ?? options.delimiter }),
      ...((own?.encoding ?? options.encoding) !== undefined && { encoding: own?.encoding ?? options.encoding }),
      ...((own?.sheet ?? options.sheet) !== undefined && { sheet: own?.sheet ?? options.sheet }),
      ...(sourceName !== undefined && { sourceName }),
      ...(map !== undefined && { map }),
      ...(preset !== undefined && { preset }),
    });
  }
  const format: OutputFormat =
    options.format ??
    (output !== undefined ? (FORMAT_BY_EXTENSION[extname(output).toLowerCase()] ?? "csv") : io.stdout.isTTY ? "table" : "csv");

  if (options.dayFirst === true && options.monthFirst === true) throw new UsageError("--day-first and --month-first cannot both be given: numeric dates read one way [USAGE_INVALID_ARGUMENT]");
  const dateOrder = options.dayFirst === true ? "day-first" : options.monthFirst === true ? "month-first" : options.dateOrder;
  const bytes = await inputBytes(inputs);
  const spilled = spills(options.spill === "always" ? true : options.spill === "never" ? false : "auto", bytes);
  await checkMemory(inputs, bytes, spilled);
  // A large run's heap grows by 30% between full collections, not by V8's 1.5-4x: the 2.5M-row
  // ACLED-like export peaked at 1.6 GB, not 2.4 GB, in the same 166 s (bench/RESULTS.md).
  if (bytes >= SPILL_BYTES) setFlagsFromString(`--heap-growing-percent=${LARGE_RUN_HEAP_GROWTH}`);
  const tempDir = options.tempDir ?? (io.env["TMPDIR"] || undefined);
  const progress = options.quiet === true ? undefined : progressReporter(io);
  const result = await reconcile({
    ...(dateOrder !== undefined && { dateOrder }),
    ...(progress && { onProgress: progress.update }),
    inputs,
    spill: spilled,
    ...(tempDir !== undefined && { tempDir }),
    dateWindow: options.dateWindow,
    withinKm: options.withinKm,
    lexicon,
    // A baseline records the rejected rows, so the run sets them aside to name them.
    // A baseline names rejected rows: a run made or checked with one sets them aside to name them.
    keepRejects: options.rejects !== undefined || mode === "baseline" || known !== undefined,
    match: options.match,
    threshold: options.threshold,
    ...(options.tolerance !== undefined && { tolerance: options.tolerance }),
    ...(options.minGrade !== undefined && { minGrade: options.minGrade }),
    ...(gazetteer !== undefined && { gazetteer }),
    ...(sameSource.size > 0 && { sameSource }),
  });
  if (mode === "baseline") {
    try {
      return await writeBaseline(result, options, known, baselineOut!, cwd, io);
    } finally {
      result.close?.();
      progress?.done();
    }
  }
  // Too many rows set aside, said as why the run fails (even with --quiet).
  const tooManyRejects =
    options.maxRejects !== undefined && result.rejected.length > options.maxRejects ? `${plural(result.rejected.length, "row")} set aside in the rejects (whole or in part), more than --max-rejects ${options.maxRejects} allows` : undefined;
  // The run against its baseline, before the report: what fails is all a GitHub report annotates.
  // Rows' files are named from the baseline's folder, as it was made.
  const check = known !== undefined ? checkBaseline(result, known, options.failOn ?? "conflict", dirname(resolve(cwd, options.baseline!))) : undefined;
  // Every report's summary says how many findings the baseline holds.
  if (check !== undefined) result.summary.baselined = check.known;
  // Whatever happens while the report is written, the claims' text on disk, if any, is let go after it
  // (run() is called many times in one process by tests and callers).
  try {
    progress?.stage("writing the report");

    const color = format === "table" && output === undefined && colorWanted(io);
    // Range bars are for a terminal: piped or saved, the table stays plain text.
    const bars = format === "table" && output === undefined && io.stdout.isTTY === true;
    const failing = check === undefined ? undefined : new Set([...check.fresh, ...check.worse.map((w) => w.now)].map((f) => f.of));
    // What fails the run besides findings, for a GitHub report: its rejected rows (new since the baseline, or past the limit), stale entries.
    const rows = check !== undefined ? (options.failOn !== undefined ? result.rejected.filter((r) => failing!.has(r)) : []) : tooManyRejects !== undefined ? result.rejected : [];
    const messages = [tooManyRejects, check !== undefined && options.failOn !== undefined ? staleText(check) : undefined].filter((m): m is string => m !== undefined);
    const chunks = reportChunks(result, format, { color, bars, rawCsv: options.rawCsv === true, ...(options.failOn !== undefined && { failOn: options.failOn }), cwd, ...(failing !== undefined && { failing }), rows, messages });
    // Excel reads a CSV without a byte-order mark as the system's code page: --bom marks it UTF-8.
    const bom = options.bom === true;
    const report = bom && format === "csv" ? withBom(chunks) : chunks;
    // Both destinations are checked before either is written: a report that cannot be written leaves no rejects file behind.
    for (const path of [options.rejects, output]) if (path !== undefined) await checkWritable(path);
    // The report first: if it cannot be written (-o /dev/full), no rejects file is left behind.
    if (output !== undefined) await writeAtomic(output, report);
    else await writeOut(io, report);
    if (options.rejects !== undefined) await writeAtomic(options.rejects, [`${bom ? "\uFEFF" : ""}${renderRejects(result.rejected, { raw: options.rawCsv === true })}`]);
  } finally {
    result.close?.();
  }
  progress?.done();
  if (options.quiet !== true) for (const note of result.notes) io.stderr.write(`reconcile: ${oneLineText(note)}\n`);
  if (options.quiet !== true && result.rejected.length > 0) {
    const { rejected, rejected_claims: claims } = result.summary;
    const what = [...(rejected > 0 ? [`${rejected} row${rejected === 1 ? "" : "s"} rejected`] : []), ...(claims > 0 ? [`${claims} claim${claims === 1 ? "" : "s"} rejected from rows otherwise kept`] : [])].join(" and ");
    io.stderr.write(`reconcile: ${what}, ${options.rejects !== undefined ? `written to ${options.rejects}` : "named by the baseline check (--rejects FILE writes them)"}\n`);
  }
  if (options.quiet !== true && output !== undefined) io.stderr.write(`reconcile: ${summaryLine(result)}; report written to ${output}\n`);
  if (tooManyRejects !== undefined) io.stderr.write(`reconcile: ${tooManyRejects}\n`);
  const fails = check !== undefined ? againstBaseline(check, options, io) : getExitCode(result, options.failOn) === EXIT.failOn;
  return tooManyRejects !== undefined || fails ? EXIT.failOn : EXIT.ok;
}

const DIFF_HELP = `Usage: reconcile diff OLD NEW [options]

What changed between two runs: claims added, removed and changed (by id; a claim whose id is its
file:line by what it says), groups whose status or consensus moved, and conflicts that are new, worse
(further apart) or resolved. OLD and NEW are each a claim file, a config file (.json with "inputs") or a
JSON report (reconcile --format json); claim files and configs are reconciled with the options given.

Options:
  -f, --format <format>  table (default), markdown (for a pull-request comment) or json
  -o, --output <file>    write the diff to a file instead of standard output
  --fail-on new-conflict exit 1 when a conflict is new or worse

Every other option is reconcile's, for both runs (--preset, --map, --date-window, ...).

Examples:
  reconcile diff old.csv new.csv --format markdown
  reconcile diff main-report.json reconcile.json --fail-on new-conflict
`;

/** reconcile diff OLD NEW [options]: each side reconciled (or read, as a JSON report) in-process, then compared. */
async function diffCommand(args: string[], io: Io): Promise<number> {
  if (args.includes("--help") || args.includes("-h")) {
    io.stdout.write(DIFF_HELP);
    return EXIT.ok;
  }
  const [oldPath, newPath, ...rest] = args;
  if (oldPath === undefined || newPath === undefined || oldPath.startsWith("-") || newPath.startsWith("-")) {
    throw new UsageError("reconcile diff takes the two runs first: reconcile diff OLD NEW [options] [USAGE_MISSING_ARGUMENT]");
  }
  let format: "table" | "markdown" | "json" = "table";
  let output: string | undefined;
  let failOnNew = false;
  const pass: string[] = [];
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i]!;
    const value = () => {
      const v = rest[++i];
      if (v === undefined) throw new UsageError(`${a} needs a value [USAGE_MISSING_ARGUMENT]`);
      return v;
    };
    if (a === "-f" || a === "--format") {
      const v = value();
      if (v !== "table" && v !== "markdown" && v !== "json") throw new UsageError(`--format ${JSON.stringify(v)}: reconcile diff writes table, markdown or json [USAGE_INVALID_ARGUMENT]`);
      format = v;
    } else if (a === "-o" || a === "--output") output = value();
    else if (a === "--fail-on") {
      const v = value();
      if (v !== "new-conflict") throw new UsageError(`--fail-on ${JSON.stringify(v)}: reconcile diff fails on new-conflict [USAGE_INVALID_ARGUMENT]`);
      failOnNew = true;
    } else pass.push(a);
  }
  const side = async (path: string): Promise<ReportJson | number> => {
    let parsed: unknown;
    if (extname(path).toLowerCase() === ".json" && existsSync(path)) {
      try {
        parsed = JSON.parse(readFileSync(path, "utf8"));
      } catch {
        parsed = undefined;
      }
    }
    if (isReportJson(parsed)) return parsed;
    const isConfig = typeof parsed === "object" && parsed !== null && !Array.isArray(parsed) && "inputs" in parsed;
    const out: string[] = [];
    const err: string[] = [];
    const captured: Io = { ...io, stdout: { write: (chunk: string) => out.push(chunk) }, stderr: { write: (chunk: string) => err.push(chunk) } };
    // Bad rows are set aside, not a stop: each side's rejects go to a temporary file, removed after.
    const rejects = join(tmpdir(), `reconcile-diff-${process.pid}-${randomBytes(6).toString("hex")}.csv`);
    let code: number;
    try {
      code = await run([...(isConfig ? ["--config", path] : [path]), ...pass, "--format", "json", "-o", "-", "-q", "--rejects", rejects], captured);
    } finally {
      await unlink(rejects).catch(() => undefined);
    }
    if (code === EXIT.error) {
      io.stderr.write(err.join(""));
      return code;
    }
    return JSON.parse(out.join("")) as ReportJson;
  };
  const before = await side(oldPath);
  if (typeof before === "number") return before;
  const after = await side(newPath);
  if (typeof after === "number") return after;
  const diff = diffReports(before, after);
  const text = format === "json" ? `${JSON.stringify(diff, null, 2)}\n` : diffText(diff, format);
  if (output !== undefined && output !== "-") {
    await checkWritable(output);
    await writeAtomic(output, [text]);
  } else io.stdout.write(text);
  return failOnNew && diff.conflicts.new.length + diff.conflicts.worse.length > 0 ? EXIT.failOn : EXIT.ok;
}

/** Where reconcile baseline writes when neither -o nor a config names the file. */
const BASELINE_FILE = "reconcile.baseline.json";

/**
 * A run against its baseline (--baseline): what it hides is said, and, with --fail-on, the run fails on
 * each finding that is new or worse (each named) and on entries that match nothing (with the command
 * that prunes them). What fails is said even with --quiet.
 */
function againstBaseline(check: BaselineCheck, options: Configured, io: Io): boolean {
  const say = (text: string) => io.stderr.write(`reconcile: ${text}\n`);
  if (options.quiet !== true) say(`the baseline ${options.baseline} holds ${check.known} known finding${check.known === 1 ? "" : "s"} of this run, not counted for --fail-on`);
  if (options.failOn === undefined) return false;
  const where = (e: BaselineEntry) => (e.kind === "rejected" ? `row ${e.file}:${e.line}` : e.claims.map((c) => c.at ?? c.id).join(", "));
  for (const f of check.fresh) say(`new since the baseline: ${where(f.entry)}: ${f.entry.text}`);
  for (const { now, was } of check.worse) say(`worse than in the baseline: ${where(now.entry)}: ${now.entry.text} (was: ${was.text})`);
  const stale = staleText(check);
  if (stale !== undefined) say(stale);
  return check.fresh.length + check.worse.length + check.stale.length > 0;
}

/** Baseline entries that match nothing, said with what to do; undefined when there are none. */
function staleText(check: BaselineCheck): string | undefined {
  const n = check.stale.length;
  if (n === 0) return undefined;
  return `${n} baseline entr${n === 1 ? "y matches" : "ies match"} nothing in the data any more (resolved, fixed or deleted): remove ${n === 1 ? "it" : "them"} with reconcile baseline --prune`;
}

/** reconcile baseline: the run's findings as a baseline file, or (--prune) the given baseline without what matches nothing. */
async function writeBaseline(result: ReconcileResult, options: Configured, before: BaselineFile | undefined, out: string, cwd: string, io: Io): Promise<number> {
  const failOn = options.failOn ?? "conflict";
  let written: BaselineFile;
  let what: string;
  if (before !== undefined) {
    const from = options.baseline ?? out;
    written = pruneBaseline(before, checkBaseline(result, before, failOn, dirname(resolve(cwd, from))));
    const dropped = before.entries.length - written.entries.length;
    what = `${dropped} entr${dropped === 1 ? "y" : "ies"} that matched nothing dropped from ${from}, ${written.entries.length} kept`;
  } else {
    written = makeBaseline(result, failOn, dirname(out));
    const rows = written.entries.filter((e) => e.kind === "rejected").length;
    what = `${written.entries.length - rows} finding${written.entries.length - rows === 1 ? "" : "s"} and ${rows} rejected row${rows === 1 ? "" : "s"} recorded`;
  }
  await checkWritable(out);
  await writeAtomic(out, [baselineText(written)]);
  if (options.quiet !== true) io.stderr.write(`reconcile: ${what}; baseline written to ${out}\n`);
  return EXIT.ok;
}

/** "reading 1,200,000 rows…" on a terminal's stderr, once a run has taken more than a second. */
/** "reading 41% · 1.2M rows · 12 s", then each later stage, on a terminal's stderr once a run has taken more than a second. */
function progressReporter(io: Io): { update: (progress: Progress) => void; stage: (text: string) => void; done: () => void } | undefined {
  if (io.stderrIsTTY !== true) return undefined;
  const start = Date.now();
  let shown = false;
  let last = 0;
  const rowsText = (n: number) => (n >= 1e6 ? `${(n / 1e6).toFixed(1)}M` : n >= 1e4 ? `${Math.round(n / 1e3)}k` : String(n));
  const show = (text: string, force: boolean) => {
    const now = Date.now();
    if (now - start < 1000 || (!force && now - last < 250)) return;
    last = now;
    shown = true;
    io.stderr.write(`\r\u001b[Kreconcile: ${text} · ${Math.round((now - start) / 1000)} s`);
  };
  return {
    update: (p) => {
      if (p.stage !== "reading") return show(`${p.stage} · ${rowsText(p.rows)} rows`, true);
      const share = p.share !== undefined ? ` ${Math.floor(p.share * 100)}%` : "";
      const which = p.inputs !== undefined && p.inputs > 1 ? ` (file ${p.input} of ${p.inputs})` : "";
      show(`reading${share}${which} · ${rowsText(p.rows)} rows`, false);
    },
    stage: (text) => show(text, true),
    done: () => {
      if (shown) io.stderr.write("\r\u001b[K");
    },
  };
}

function colorWanted(io: Io): boolean {
  if (io.env["NO_COLOR"]) return false;
  // FORCE_COLOR=0 (or false) turns colour off, as Node.js and chalk read it; any other value turns it on.
  const force = io.env["FORCE_COLOR"];
  if (force === "0" || force === "false") return false;
  if (force !== undefined && force !== "") return true;
  return io.stdout.isTTY === true;
}

/**
 * The report as chunks of about 64 KB, a record or a group at a time, so a million claims are never one
 * string. CSV records are written by csvLine, which writes what csv-stringify writes, byte for byte.
 */
async function* reportChunks(result: ReconcileResult, format: OutputFormat, options: RenderOptions): AsyncGenerator<string> {
  if (format === "csv") {
    let chunk = "";
    for (const record of csvRecords(result, { raw: options.rawCsv === true })) {
      chunk += csvLine(record);
      if (chunk.length >= 1 << 16) {
        yield chunk;
        chunk = "";
      }
    }
    if (chunk !== "") yield chunk;
  } else {
    yield* renderChunks(result, format, options);
  }
}

/** Write chunks to stdout, waiting when it asks to (a slow pipe). */
async function writeOut(io: Io, chunks: AsyncIterable<string>): Promise<void> {
  let pending = "";
  for await (const chunk of chunks) {
    pending += chunk;
    if (pending.length < 1 << 16) continue;
    await writeChunk(io, pending);
    pending = "";
  }
  if (pending !== "") await writeChunk(io, pending);
}

async function writeChunk(io: Io, text: string): Promise<void> {
  let ok: unknown;
  try {
    ok = io.stdout.write(text);
  } catch (error) {
    // A file on stdout (`> /dev/full`, a full disk) is written synchronously and throws here.
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "EPIPE") return;
    throw new UsageError(`cannot write the report to standard output: ${code === "ENOSPC" ? "no space left on the device" : (error as Error).message} [OUTPUT_UNWRITABLE]`);
  }
  const stream = io.stdout as Partial<NodeJS.WritableStream>;
  if (ok === false && typeof stream.once === "function") await once(stream as NodeJS.WritableStream, "drain");
}

/**
 * Write to a temporary file beside the target and rename it, so no half-written report is ever left.
 * A target that is not a file (/dev/null, /dev/stdout, a named pipe, a shell's >(…)) is written to as
 * it is: renaming over it would replace the device or pipe itself. A symbolic link to a file is
 * followed, so the link stays a link.
 */
async function writeAtomic(path: string, chunks: AsyncIterable<string> | Iterable<string>): Promise<void> {
  let target = path;
  const info = await stat(path).catch(() => undefined);
  if (info !== undefined && !info.isFile() && !info.isDirectory()) {
    try {
      await pipeline(Readable.from(chunks), createWriteStream(path));
      return;
    } catch (error) {
      // A reader that stops early (`-o /dev/stdout | head`) is not an error, as on stdout.
      if ((error as NodeJS.ErrnoException).code === "EPIPE") return;
      throw unwritable(path, error);
    }
  }
  if (info?.isFile() === true) target = await realpath(path).catch(() => path);
  const temp = join(dirname(target), `.${basename(target)}.${randomBytes(4).toString("hex")}.tmp`);
  writing.add(temp);
  try {
    await pipeline(Readable.from(chunks), createWriteStream(temp));
    if (info?.isFile() === true && info.nlink > 1) {
      // A file with other hard links: renaming over it would split them. Once the report is whole,
      // its bytes go into the file itself (same inode, same mode), and every link sees them.
      await copyFile(temp, target);
      // copyFile gives the target the temporary file's mode: the file's own comes back.
      await chmod(target, info.mode & 0o7777);
      await unlink(temp);
    } else {
      // The file keeps the mode it had (a report kept 0600 stays 0600).
      if (info?.isFile() === true) await chmod(temp, info.mode & 0o7777);
      await rename(temp, target);
    }
  } catch (error) {
    await unlink(temp).catch(() => undefined);
    throw unwritable(path, error);
  } finally {
    writing.delete(temp);
  }
}

async function* withBom(chunks: AsyncIterable<string> | Iterable<string>): AsyncIterable<string> {
  yield "\uFEFF";
  yield* chunks;
}

/** Temporary files being written: removed if the process is stopped by a signal (see main.ts). */
const writing = new Set<string>();

/** Remove every temporary file still being written; for a signal handler, so synchronous. */
export function removeTemporaryFiles(): void {
  for (const temp of writing) {
    try {
      unlinkSync(temp);
    } catch {
      // Already gone.
    }
  }
  writing.clear();
}

/**
 * What a path is on disk: its device and inode when it exists (hard links and symlinks are one file),
 * else its resolved folder and name. A device or a pipe (/dev/null) is no file to destroy: undefined.
 */
async function fileIdentity(path: string): Promise<string | undefined> {
  const s = await stat(path).catch(() => undefined);
  if (s !== undefined) return s.isFile() ? `inode ${s.dev}:${s.ino}` : undefined;
  const folder = await realpath(dirname(path)).catch(() => resolve(dirname(path)));
  return `path ${join(folder, basename(path))}`;
}

async function checkOutputsApart(inputs: readonly string[], outputs: ReadonlyArray<readonly [string, string | undefined]>): Promise<void> {
  const given = new Map<string, string>();
  for (const path of inputs) {
    const id = await fileIdentity(path);
    if (id !== undefined) given.set(id, path);
  }
  const written = new Map<string, string>();
  for (const [flag, path] of outputs) {
    if (path === undefined) continue;
    const id = await fileIdentity(path);
    if (id === undefined) continue;
    const input = given.get(id);
    if (input !== undefined) throw new UsageError(`${flag} ${path} is ${input === path ? "also read by this run" : `the same file as ${input}, which this run reads`}: writing it would destroy it [OUTPUT_IS_INPUT]`);
    const other = written.get(id);
    if (other !== undefined) throw new UsageError(`${other} and ${flag} name one file (${path}): one would overwrite the other [OUTPUT_COLLISION]`);
    written.set(id, flag);
  }
}

/** Can a report be written at `path`: its folder exists, and it is not itself a folder? */
async function checkWritable(path: string): Promise<void> {
  const folder = await stat(dirname(path)).catch((error: unknown) => {
    throw unwritable(path, error);
  });
  if (!folder.isDirectory()) throw new UsageError(`cannot write ${path}: ${dirname(path)} is not a folder [OUTPUT_UNWRITABLE]`);
  const target = await stat(path).catch(() => undefined);
  if (target?.isDirectory() === true) throw unwritable(path, Object.assign(new Error("is a directory"), { code: "EISDIR" }));
}

function unwritable(path: string, error: unknown): UsageError {
  const code = (error as NodeJS.ErrnoException).code;
  const why =
    code === "ENOENT" ? "its folder does not exist" : code === "EACCES" ? "permission denied" : code === "EISDIR" ? "it is a directory" : (error as Error).message;
  return new UsageError(`cannot write ${path}: ${why} [OUTPUT_UNWRITABLE]`);
}

/** Lay out rows of cells in columns; the last column runs free. */
function columns(rows: string[][]): string {
  const widths = rows[0]?.map((_, k) => rows.reduce((m, r) => Math.max(m, [...r[k]!].length), 0)) ?? [];
  return rows.map((r) => r.map((c, k) => (k < r.length - 1 ? c + " ".repeat(widths[k]! - [...c].length) : c)).join("  ").trimEnd() + "\n").join("");
}

function explain(figures: string[], lexicon: Lexicon, io: Io): number {
  let failed = false;
  const rows: string[][] = [["figure", "interval", "best", "measure", "rule", "how it was read"]];
  for (const figure of figures) {
    const read = readStatement(figure, lexicon);
    if (read.ok && read.statement === undefined) {
      const none: Figure = { raw: figure, rule: "none", low: null, high: null, best: null };
      rows.push([JSON.stringify(figure), formatFigure(none), "-", "-", "none", ruleText(none)]);
    } else if (read.ok) {
      const { parts, qualifier } = read.statement!;
      parts.forEach((part, k) => {
        const r = part.reading;
        const noun = r.noun !== undefined ? ` (followed by "${r.noun}")` : "";
        const kept = k === parts.length - 1 && qualifier !== undefined ? `; "${qualifier}" is kept, and sets no part` : "";
        // What the words say is counted; where they say nothing, the row's outcome and victims columns decide.
        const named = part.outcome !== undefined ? measureText({ outcome: part.outcome, victims: part.victims ?? ALL_VICTIMS }) : part.victims !== undefined ? `${part.victims}, outcome from the columns` : "from the columns";
        const measure = `${named}${part.within ? ", within the above" : ""}`;
        const shown = parts.length === 1 ? JSON.stringify(figure) : k === 0 ? `${JSON.stringify(figure)}: ${JSON.stringify(part.text)}` : `  + ${JSON.stringify(part.text)}`;
        rows.push([shown, formatFigure(r), r.best === null ? "-" : String(r.best), measure, r.rule, ruleText(r) + noun + kept]);
      });
    } else {
      failed = true;
      io.stderr.write(`reconcile: cannot read ${read.got}: expected ${read.expected}${read.hint ? ` (${read.hint})` : ""} [CLAIM_INVALID_FIGURE]\n`);
    }
  }
  if (rows.length > 1) io.stdout.write(columns(rows));
  return failed ? EXIT.error : EXIT.ok;
}

function presetsText(): string {
  return [...PRESETS.values()]
    .map((p) => {
      const measures = p.measures.map((m) => `${m.name} (${[...new Set([m.low, m.best, m.high, m.figure].filter(Boolean))].join("/")}${m.within !== undefined ? `, within ${m.within}` : ""})`).join(", ");
      const extra = [...(p.actors ? [`actors: ${p.actors.join(" – ")}`] : []), ...(p.grade ? [`grade: ${p.grade}`] : [])].map((t) => `; ${t}`).join("");
      return `${p.name}  ${p.title}\n  source: ${p.source}; row id: ${p.id}; claims: ${measures}${extra}\n  ${p.about}\n`;
    })
    .join("\n");
}

function lexiconTable(lexicon: Lexicon): string {
  const rows = [["phrase", "interval", "best", "also written", "why"]];
  for (const e of lexicon.entries) {
    rows.push([e.phrase, formatInterval(e), e.best === null ? "-" : String(e.best), e.aliases.join(", "), e.why + (e.bestWhy ? ` Best: ${e.bestWhy}` : "")]);
  }
  return `lexicon "${lexicon.name}" (best: ${lexicon.best}): ${lexicon.description}\n\n${columns(rows)}`;
}
