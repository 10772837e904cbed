import type { Io } from "../../src/cli.js";

/** Streams in memory for run(argv, io): the CLI in-process, without a child process. */
export function memoryIo(options: { stdin?: string; cwd?: string } = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const io: Io = {
    stdout: { write: (chunk: string) => out.push(chunk) },
    stderr: { write: (chunk: string) => err.push(chunk) },
    readStdin: async () => Buffer.from(options.stdin ?? ""),
    stdinIsTTY: options.stdin === undefined,
    env: { NO_COLOR: "1" },
    ...(options.cwd !== undefined && { cwd: options.cwd }),
  };
  return { io, stdout: () => out.join(""), stderr: () => err.join("") };
}
