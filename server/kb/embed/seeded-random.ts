// Deterministic randomness: the LSA projection and the bench's synthetic corpus must come out the
// same on every run and platform, which Math.random() cannot promise.

/** mulberry32: small, fast, and the same sequence on every platform for a given seed. Values in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
