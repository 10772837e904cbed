import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { run, type Io } from "../../src/cli.js";

export const ROOT = fileURLToPath(new URL("../..", import.meta.url));
export const BIN = fileURLToPath(new URL("../../bin/reconcile.js", import.meta.url));

export interface CliRun {
  stdout: string;
  stderr: string;
  exit: number;
}

/** Run the built CLI as a real process, from the repository root, with a neutral environment. */
export function runCli(args: readonly string[], options: { stdin?: string | Buffer; env?: Record<string, string>; cwd?: string } = {}): CliRun {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    cwd: options.cwd ?? ROOT,
    input: options.stdin ?? "",
    env: { PATH: process.env["PATH"] ?? "", TZ: "UTC", ...options.env },
    encoding: "utf8",
    maxBuffer: 256 * 1024 * 1024,
  });
  if (result.error) throw result.error;
  return { stdout: result.stdout, stderr: result.stderr, exit: result.status ?? -1 };
}

/** Split a command line the way a shell would for the simple cases golden files use: spaces, "double" and 'single' quotes. */
export function shellWords(line: string): string[] {
  const words: string[] = [];
  let current = "";
  let quote: string | null = null;
  let any = false;
  for (const ch of line) {
    if (quote) {
      if (ch === quote) quote = null;
      else current += ch;
    } else if (ch === '"' || ch === "'") {
      quote = ch;
      any = true;
    } else if (ch === " ") {
      if (any || current !== "") words.push(current);
      current = "";
      any = false;
    } else {
      current += ch;
    }
  }
  if (quote) throw new Error(`unclosed quote in: ${line}`);
  if (any || current !== "") words.push(current);
  return words;
}

/** Quote a word for sh. */
function shQuote(word: string): string {
  return `'${word.replace(/'/g, `'\\''`)}'`;
}

/** Is util-linux `script` here to give a command a real terminal? */
export const HAS_SCRIPT = spawnSync("sh", ["-c", "command -v script"], { stdio: "ignore" }).status === 0;

/**
 * Run the built CLI with a real pseudo-terminal as its stdout and stderr
 * (util-linux `script`), as a person at a terminal sees it: what it printed,
 * both streams together, with the terminal's CRLF line ends made LF.
 */
export function runInTerminal(args: readonly string[], options: { env?: Record<string, string>; cwd?: string } = {}): CliRun {
  const command = [process.execPath, BIN, ...args].map(shQuote).join(" ");
  const result = spawnSync("script", ["-qec", command, "/dev/null"], {
    cwd: options.cwd ?? ROOT,
    input: "",
    env: { PATH: process.env["PATH"] ?? "", TZ: "UTC", TERM: "xterm-256color", ...options.env },
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.error) throw result.error;
  return { stdout: result.stdout.replace(/\r\n/g, "\n"), stderr: "", exit: result.status ?? -1 };
}

/**
 * Run the CLI in this process through run(argv, io), with streams in memory: what the binary does
 * (bin/reconcile.js only hands run() the process's streams), in milliseconds instead of a process
 * start. An error run() throws is an internal error, exit 70, as bin/reconcile.js reports it.
 */
export async function runInProcess(args: readonly string[], options: { stdin?: string | Buffer; env?: Record<string, string>; cwd?: string; stdinIsTTY?: boolean } = {}): Promise<CliRun> {
  const out: string[] = [];
  const err: string[] = [];
  const io: Io = {
    stdout: { write: (chunk: string) => out.push(chunk) },
    stderr: { write: (chunk: string) => err.push(chunk) },
    readStdin: async () => (typeof options.stdin === "string" ? Buffer.from(options.stdin) : (options.stdin ?? Buffer.alloc(0))),
    stdinIsTTY: options.stdinIsTTY ?? false,
    stderrIsTTY: false,
    env: { PATH: process.env["PATH"] ?? "", TZ: "UTC", ...options.env },
    cwd: options.cwd ?? ROOT,
  };
  let exit: number;
  try {
    exit = await run(args, io);
  } catch (error) {
    err.push(`reconcile: internal error (please report it): ${(error as Error)?.stack ?? String(error)}\n`);
    exit = 70;
  }
  return { stdout: out.join(""), stderr: err.join(""), exit };
}
