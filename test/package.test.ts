/**
 * The package as a user installs it: `npm pack` the built tree, install the tarball into an empty
 * folder, run its `reconcile`, and type-check and run a TypeScript user's import of the library.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ROOT } from "./support/cli.js";

const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { name: string; version: string };
const dir = mkdtempSync(join(tmpdir(), "reconcile-package-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function sh(command: string, args: string[], cwd: string) {
  const r = spawnSync(command, args, { cwd, encoding: "utf8", env: { ...process.env, npm_config_update_notifier: "false" }, maxBuffer: 64 * 1024 * 1024 });
  if (r.error) throw r.error;
  return r;
}

describe("the npm package", () => {
  it(
    "packs with its built code, installs into an empty folder, runs `reconcile`, and its library type-checks and runs",
    () => {
      // The tarball is the built tree (npm test builds it first); no lifecycle script is relied on.
      const pack = sh("npm", ["pack", "--ignore-scripts", "--pack-destination", dir, "--json"], ROOT);
      expect(pack.status, pack.stderr).toBe(0);
      const [info] = JSON.parse(pack.stdout) as Array<{ filename: string; files: Array<{ path: string }> }>;
      const files = info!.files.map((f) => f.path);
      expect(files).toContain("dist/index.js");
      expect(files).toContain("dist/index.d.ts");
      expect(files).toContain("bin/reconcile.js");
      expect(files).toContain("LICENSE");
      expect(files.some((f) => f.startsWith("src/") || f.startsWith("test/") || f.startsWith("fixtures/"))).toBe(false);

      const app = join(dir, "app");
      sh("mkdir", ["-p", app], dir);
      writeFileSync(join(app, "package.json"), JSON.stringify({ name: "app", private: true, type: "module" }));
      const install = sh("npm", ["install", "--ignore-scripts", "--no-audit", "--no-fund", "--prefer-offline", join(dir, info!.filename)], app);
      expect(install.status, install.stderr).toBe(0);
      expect(readdirSync(join(app, "node_modules", pkg.name))).toContain("dist");

      const version = sh(join(app, "node_modules", ".bin", "reconcile"), ["--version"], app);
      expect(version.stdout.trim()).toBe(pkg.version);
      const seed = join(ROOT, "fixtures", "seed", "hama-2016-09-01.csv");
      const report = sh(join(app, "node_modules", ".bin", "reconcile"), [seed, "--format", "json"], app);
      expect(report.status, report.stderr).toBe(0);
      expect(JSON.parse(report.stdout).summary).toMatchObject({ rows: 5, claims: 5, groups: 4 });

      // A TypeScript user: the exports map gives the types, and the import runs.
      const source = [
        `import { reconcile, InputError, type ReconcileResult, type ReconciledGroup } from "${pkg.name}";`,
        `const result: ReconcileResult = await reconcile({ inputs: [{ source: { path: ${JSON.stringify(seed)} } }] });`,
        `const first: ReconciledGroup | undefined = result.groups[0];`,
        `console.log(JSON.stringify({ groups: result.summary.groups, first: first?.status, error: typeof InputError }));`,
        "",
      ].join("\n");
      writeFileSync(join(app, "main.ts"), source);
      writeFileSync(
        join(app, "tsconfig.json"),
        JSON.stringify({
          compilerOptions: { module: "nodenext", moduleResolution: "nodenext", target: "es2022", strict: true, outDir: "out", skipLibCheck: false, types: ["node"], typeRoots: [join(ROOT, "node_modules", "@types")] },
          files: ["main.ts"],
        }),
      );
      const tsc = sh(join(ROOT, "node_modules", ".bin", "tsc"), ["-p", "tsconfig.json"], app);
      expect(tsc.status, tsc.stdout + tsc.stderr).toBe(0);
      const ran = sh(process.execPath, [join(app, "out", "main.js")], app);
      expect(ran.status, ran.stderr).toBe(0);
      expect(JSON.parse(ran.stdout)).toEqual({ groups: 4, first: "compatible", error: "function" });
    },
    120_000,
  );
});
