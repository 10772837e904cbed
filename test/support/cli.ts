import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

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
