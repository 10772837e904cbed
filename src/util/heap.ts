/** A binary heap: `before(p, q)` is true when p comes out first. */
export class Heap<T> {
  private readonly items: T[] = [];

  constructor(private readonly before: (p: T, q: T) => boolean) {}

  get size(): number {
    return this.items.length;
  }

  push(item: T): void {
    const h = this.items;
    h.push(item);
    for (let k = h.length - 1; k > 0; ) {
      const up = (k - 1) >> 1;
      if (!this.before(h[k]!, h[up]!)) break;
      [h[k], h[up]] = [h[up]!, h[k]!];
      k = up;
    }
  }

  pop(): T | undefined {
    const h = this.items;
    const top = h[0];
    const last = h.pop();
    if (h.length > 0 && last !== undefined) {
      h[0] = last;
      for (let k = 0; ; ) {
        const [l, r] = [2 * k + 1, 2 * k + 2];
        let m = k;
        if (l < h.length && this.before(h[l]!, h[m]!)) m = l;
        if (r < h.length && this.before(h[r]!, h[m]!)) m = r;
        if (m === k) break;
        [h[k], h[m]] = [h[m]!, h[k]!];
        k = m;
      }
    }
    return top;
  }
}
