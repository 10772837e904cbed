import { removeTemporaryFiles, run } from "./cli.js";
import { readUntilBinary } from "./read/stream.js";

/** Run the CLI on this process: real argv and streams; the exit code is set, not forced. */
export function main(): void {
  // A reader that stops early (`reconcile big.csv | head`) is not an error.
  process.stdout.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code === "EPIPE") process.exit(0);
    // Standard output that cannot take the report (a full disk): said in one line, exit 2, no trace.
    process.stderr.write(`reconcile: cannot write the report to standard output: ${error.code === "ENOSPC" ? "no space left on the device" : error.message} [OUTPUT_UNWRITABLE]\n`);
    process.exit(2);
  });
  // Stopped by a signal while writing -o or --rejects: no temporary file is left behind.
  for (const [signal, number] of [
    ["SIGINT", 2],
    ["SIGTERM", 15],
    ["SIGHUP", 1],
  ] as const) {
    process.once(signal, () => {
      removeTemporaryFiles();
      process.exit(128 + number);
    });
  }
  run(process.argv.slice(2), {
    stdout: process.stdout,
    stderr: process.stderr,
    readStdin: () => readUntilBinary(process.stdin),
    stdinIsTTY: process.stdin.isTTY === true,
    stderrIsTTY: process.stderr.isTTY === true,
    env: process.env,
  }).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`reconcile: internal error (please report it): ${(error as Error)?.stack ?? String(error)}\n`);
      process.exitCode = 70;
    },
  );
}
