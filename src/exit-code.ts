import { atLeast, type Status } from "./compare/findings.js";
import { KIND_INFO } from "./findings/index.js";
import type { ReconcileResult } from "./index.js";

export const FAIL_ON = ["conflict", "compatible"] as const;
export type FailOn = (typeof FAIL_ON)[number];

export const EXIT = { ok: 0, failOn: 1, error: 2 } as const;

/**
 * 1 when `--fail-on` names a status some group reaches (compatible includes
 * conflict), or a finding whose kind is worth that status exists (containment and inconsistent
 * records are conflicts, duplicate records compatible); else 0.
 */
export function getExitCode(result: ReconcileResult, failOn: FailOn | undefined): 0 | 1 {
  if (failOn === undefined) return EXIT.ok;
  const threshold: Status = failOn;
  if (result.findings.some((f) => atLeast(KIND_INFO[f.kind].severity, threshold))) return EXIT.failOn;
  return result.groups.some((g) => atLeast(g.status, threshold)) ? EXIT.failOn : EXIT.ok;
}
