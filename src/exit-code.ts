import { atLeast, type Status } from "./compare/findings.js";
import type { ReconcileResult } from "./index.js";

export const FAIL_ON = ["conflict", "compatible"] as const;
export type FailOn = (typeof FAIL_ON)[number];

export const EXIT = { ok: 0, failOn: 1, error: 2 } as const;

/**
 * 1 when `--fail-on` names a status some group reaches (compatible includes
 * conflict), or a containment finding (always a conflict) exists; else 0.
 */
export function getExitCode(result: ReconcileResult, failOn: FailOn | undefined): 0 | 1 {
  if (failOn === undefined) return EXIT.ok;
  const threshold: Status = failOn;
  if (result.containment.length > 0) return EXIT.failOn;
  return result.groups.some((g) => atLeast(g.status, threshold)) ? EXIT.failOn : EXIT.ok;
}
