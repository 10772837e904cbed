/**
 * Golden CLI cases: each file in test/golden is a command, what it printed and
 * how it exited, readable as documentation. A case runs the CLI in-process
 * through run(argv, io) (test/cli.test.ts checks that the real binary prints
 * the same). To accept new output: UPDATE_GOLDEN=1 npm test, then read the diff.
 */
import { readFileSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT, runInProcess, shellWords } from "./support/cli.js";

const DIR = join(ROOT, "test", "golden");
const UPDATE = process.env["UPDATE_GOLDEN"] === "1";

interface Case {
  comment: string[];
  command: string;
  exit: number;
  stdout: string;
  stderr: string;
}

export function parseCase(text: string): Case {
  const lines = text.split("\n");
  const comment: string[] = [];
  let i = 0;
  while (lines[i]?.startsWith("#")) comment.push(lines[i++]!);
  const command = lines[i++]!;
  if (!command.startsWith("$ reconcile")) throw new Error(`a golden case starts with "$ reconcile ...", got ${command}`);
  const rest = lines.slice(i).join("\n");
  const m = rest.match(/^--- exit (\d+)\n--- stdout\n([\s\S]*?)--- stderr\n([\s\S]*)$/);
  if (!m) throw new Error("a golden case has the sections --- exit N, --- stdout, --- stderr");
  return { comment, command, exit: Number(m[1]), stdout: m[2]!, stderr: m[3]! };
}

export function formatCase(c: Case): string {
  return [...c.comment, c.command, `--- exit ${c.exit}`, "--- stdout", c.stdout + "--- stderr", c.stderr].join("\n");
}

function execute(command: string) {
  let line = command.slice(2).replace(/^reconcile\s*/, "");
  let stdin: string | undefined;
  const redirect = line.match(/\s*<\s*(\S+)$/);
  if (redirect) {
    stdin = readFileSync(join(ROOT, redirect[1]!), "utf8");
    line = line.slice(0, redirect.index);
  }
  return runInProcess(shellWords(line), stdin === undefined ? {} : { stdin });
}

const files = readdirSync(DIR).filter((f) => f.endsWith(".txt")).sort();

describe("golden CLI cases", () => {
  it("has cases", () => {
    expect(files.length).toBeGreaterThan(10);
  });
  for (const file of files) {
    it(file.replace(/\.txt$/, ""), async () => {
      const path = join(DIR, file);
      const expected = parseCase(readFileSync(path, "utf8"));
      const actual = await execute(expected.command);
      if (UPDATE) {
        writeFileSync(path, formatCase({ ...expected, ...actual, exit: actual.exit }));
        return;
      }
      expect({ exit: actual.exit, stdout: actual.stdout, stderr: actual.stderr }).toEqual({
        exit: expected.exit,
        stdout: expected.stdout,
        stderr: expected.stderr,
      });
    });
  }
});
