/**
 * Outliers are the claims outside the largest set that can all be true
 * together. With pairwise constraints that is a maximum independent set of the
 * conflict graph, i.e. the complement of a minimum vertex cover. Conflicts in one
 * group are few, so every minimum cover is found by branching on an uncovered
 * edge (either end must go), depth-first with a growing bound. A cover larger
 * than MAX_EXACT is not searched for: no outlier is named then (a guess, such as
 * a greedy cover, would name them by the order the claims came in).
 */
const MAX_EXACT = 10;
const MAX_COVERS = 256;

export interface CoverResult {
  /** Every minimum cover found (none when the search was cut). */
  covers: number[][];
  exact: boolean;
}

export function minimumCovers(edges: ReadonlyArray<readonly [number, number]>): CoverResult {
  if (edges.length === 0) return { covers: [[]], exact: true };
  // k nodes of at most Δ edges each cover at most kΔ edges: no smaller cover is searched for (a
  // thousand mutually conflicting voices are given up at once, not after 2^10 branches each).
  const degree = degrees(edges);
  let most = 0;
  for (const d of degree.values()) most = Math.max(most, d);
  for (let k = Math.max(1, Math.ceil(edges.length / most)); k <= MAX_EXACT; k++) {
    const found = new Map<string, number[]>();
    branch(edges, new Set(), k, found);
    if (found.size > 0) return { covers: [...found.values()], exact: true };
  }
  return { covers: [], exact: false };
}

function degrees(edges: ReadonlyArray<readonly [number, number]>): Map<number, number> {
  const degree = new Map<number, number>();
  for (const [u, v] of edges) {
    degree.set(u, (degree.get(u) ?? 0) + 1);
    degree.set(v, (degree.get(v) ?? 0) + 1);
  }
  return degree;
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

/** What the minimum covers of a conflict graph say of each of its nodes. */
export interface CoverRoles {
  /** Nodes in every minimum cover: outside every largest consistent set. */
  inEvery: Set<number>;
  /** Nodes in at least one minimum cover: outside some largest consistent set. */
  inSome: Set<number>;
  /** Is there more than one minimum cover (more than one largest consistent set)? */
  several: boolean;
  /** False when a component's cover was too large to search: its nodes are all in `inSome`, none in `inEvery`. */
  exact: boolean;
}

/**
 * Which nodes lie in every minimum cover, and which in some. The minimum
 * covers of a graph are those of its connected components put together, so
 * each component is solved alone: two unrelated one-against-one conflicts
 * make four covers, and twenty make a million, but each is one edge. Where a
 * component has more minimum covers than are listed, each node is asked
 * directly: is there a minimum cover with it, and one without it?
 */
export function coverRoles(edges: ReadonlyArray<readonly [number, number]>, listed = MAX_COVERS): CoverRoles {
  const roles: CoverRoles = { inEvery: new Set(), inSome: new Set(), several: false, exact: true };
  for (const component of components(edges)) {
    const { covers, exact } = minimumCovers(component);
    // A cover too large to search: every node of the component may be outside some largest set, none is
    // named outside every one.
    if (!exact) {
      for (const [u, v] of component) roles.inSome.add(u).add(v);
      roles.several = true;
      roles.exact = false;
      continue;
    }
    if (covers.length < Math.min(listed, MAX_COVERS)) {
      const counts = new Map<number, number>();
      for (const cover of covers) for (const k of cover) counts.set(k, (counts.get(k) ?? 0) + 1);
      for (const [k, n] of counts) {
        roles.inSome.add(k);
        if (n === covers.length) roles.inEvery.add(k);
      }
      if (covers.length > 1) roles.several = true;
      continue;
    }
    // Too many covers to list: ask of each node.
    const size = covers[0]!.length;
    const neighbours = new Map<number, Set<number>>();
    for (const [u, v] of component) {
      for (const [a, b] of [
        [u, v],
        [v, u],
      ] as const) {
        let set = neighbours.get(a);
        if (set === undefined) neighbours.set(a, (set = new Set()));
        set.add(b);
      }
    }
    for (const [node, around] of neighbours) {
      // With it: the edges it does not cover, in one fewer.
      if (hasCover(component.filter(([u, v]) => u !== node && v !== node), size - 1)) roles.inSome.add(node);
      // Without it: every neighbour is in, and the rest in what is left.
      const without = around.size <= size && hasCover(component.filter(([u, v]) => !around.has(u) && !around.has(v)), size - around.size);
      if (!without) roles.inEvery.add(node);
      // Some cover holds a node another lacks: there are several.
      if (roles.inSome.has(node) !== roles.inEvery.has(node)) roles.several = true;
    }
  }
  return roles;
}

/** The edges of each connected component. */
function components(edges: ReadonlyArray<readonly [number, number]>): Array<Array<readonly [number, number]>> {
  const parent = new Map<number, number>();
  const find = (x: number): number => {
    let root = x;
    while (parent.has(root) && parent.get(root) !== root) root = parent.get(root)!;
    parent.set(x, root);
    return root;
  };
  for (const [u, v] of edges) {
    if (!parent.has(u)) parent.set(u, u);
    if (!parent.has(v)) parent.set(v, v);
    const [ru, rv] = [find(u), find(v)];
    if (ru !== rv) parent.set(Math.max(ru, rv), Math.min(ru, rv));
  }
  const byRoot = new Map<number, Array<readonly [number, number]>>();
  for (const e of edges) {
    const root = find(e[0]);
    const list = byRoot.get(root);
    if (list) list.push(e);
    else byRoot.set(root, [e]);
  }
  return [...byRoot.values()];
}

/** Is there a cover of at most `budget` nodes? */
function hasCover(edges: ReadonlyArray<readonly [number, number]>, budget: number, chosen = new Set<number>()): boolean {
  const open = edges.find(([u, v]) => !chosen.has(u) && !chosen.has(v));
  if (open === undefined) return true;
  if (budget <= 0) return false;
  for (const end of open) {
    chosen.add(end);
    const found = hasCover(edges, budget - 1, chosen);
    chosen.delete(end);
    if (found) return true;
  }
  return false;
}
