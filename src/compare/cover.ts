/**
 * Outliers are the claims outside the largest set that can all be true
 * together. With pairwise constraints that is a maximum independent set of the
 * conflict graph, i.e. the complement of a minimum vertex cover. Conflicts in one
 * group are few, so every minimum cover is found by branching on an uncovered
 * edge (either end must go), depth-first with a growing bound. When the cover
 * would be larger than MAX_EXACT, a greedy cover stands in.
 */
const MAX_EXACT = 10;
const MAX_COVERS = 256;

export interface CoverResult {
  /** Every minimum cover found (a single greedy one when the exact search was cut). */
  covers: number[][];
  exact: boolean;
}

export function minimumCovers(edges: ReadonlyArray<readonly [number, number]>): CoverResult {
  if (edges.length === 0) return { covers: [[]], exact: true };
  for (let k = 1; k <= MAX_EXACT; k++) {
    const found = new Map<string, number[]>();
    branch(edges, new Set(), k, found);
    if (found.size > 0) return { covers: [...found.values()], exact: true };
  }
  return { covers: [greedyCover(edges)], exact: false };
}

function branch(edges: ReadonlyArray<readonly [number, number]>, chosen: Set<number>, budget: number, found: Map<string, number[]>): void {
  if (found.size >= MAX_COVERS) return;
  const open = edges.find(([u, v]) => !chosen.has(u) && !chosen.has(v));
  if (open === undefined) {
    const cover = [...chosen].sort((x, y) => x - y);
    found.set(cover.join(","), cover);
    return;
  }
  if (budget === 0) return;
  for (const end of open) {
    chosen.add(end);
    branch(edges, chosen, budget - 1, found);
    chosen.delete(end);
  }
}

function greedyCover(edges: ReadonlyArray<readonly [number, number]>): number[] {
  let left = edges.slice();
  const cover: number[] = [];
  while (left.length > 0) {
    const degree = new Map<number, number>();
    for (const [u, v] of left) {
      degree.set(u, (degree.get(u) ?? 0) + 1);
      degree.set(v, (degree.get(v) ?? 0) + 1);
    }
    let pick = -1;
    let most = -1;
    for (const [node, d] of degree) if (d > most || (d === most && node < pick)) [pick, most] = [node, d];
    cover.push(pick);
    left = left.filter(([u, v]) => u !== pick && v !== pick);
  }
  return cover.sort((x, y) => x - y);
}
