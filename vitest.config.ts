import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Some cases run the built CLI as a real process; keep it deterministic.
    env: { TZ: "UTC", NO_COLOR: "", FORCE_COLOR: "" },
    testTimeout: 20_000,
    // Vitest leaves one core free by default, which on a 2-core machine runs the files one at a time.
    maxWorkers: 2,
  },
});
