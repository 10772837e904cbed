import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Golden cases run the built CLI as a real process; keep it deterministic.
    env: { TZ: "UTC", NO_COLOR: "", FORCE_COLOR: "" },
    testTimeout: 20_000,
  },
});
