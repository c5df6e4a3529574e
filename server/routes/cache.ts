// A small LRU of search results. The knowledge base is immutable for the life of the process and
// search is deterministic, so a repeated query (example queries, shared links, paging back) can reuse
// the previous result. Promises are stored so that concurrent identical requests share one search.

export class ResultCache<T> {
  private readonly map = new Map<string, Promise<T>>();

  constructor(readonly capacity: number) {}

  get size(): number {
    return this.map.size;
  }

  /** The cached value for key, or compute() — whose rejection is not cached. */
  async get(key: string, compute: () => Promise<T>): Promise<{ value: T; hit: boolean }> {
    if (this.capacity <= 0) return { value: await compute(), hit: false };
    const found = this.map.get(key);
    if (found) {
      // Refresh recency: Map iteration order is insertion order.
      this.map.delete(key);
      this.map.set(key, found);
      return { value: await found, hit: true };
    }
    const p = compute();
    this.map.set(key, p);
    if (this.map.size > this.capacity) this.map.delete(this.map.keys().next().value as string);
    try {
      return { value: await p, hit: false };
    } catch (err) {
      if (this.map.get(key) === p) this.map.delete(key);
      throw err;
    }
  }
}
