// Fusing the keyword and vector rankings into one.
//
// Two methods, chosen by measurement (scripts/eval.ts prints both):
//  - rrf: reciprocal rank fusion, Σ w / (c + rank). Robust, ignores score scale.
//  - calibrated: each list's scores mapped to [0,1] (keyword: divided by the query's best BM25
//    score; vector: cosine rescaled between the list's floor and its best), then a weighted sum.
//    Keeps "how much better" information that RRF throws away, which matters when one side is
//    confident (an exact term match) and the other is not.

export interface Ranked {
  /** Record index. */
  index: number;
  score: number;
}

export interface Fused {
  index: number;
  score: number;
  keyword?: number;
  vector?: number;
}

export type FusionMethod = 'rrf' | 'calibrated';

export interface FusionParams {
  method: FusionMethod;
  /**
   * Weight of the keyword side (the vector side gets 1 - keywordWeight). 0.7 measured with the
   * corpus-trained embedder: own hybrid MRR 0.705 → 0.727 over 0.6, dev unchanged.
   */
  keywordWeight: number;
  /** RRF constant. */
  rrfK: number;
  /**
   * Calibrated only: keyword scores are divided by max(best keyword score, keywordFloor × the
   * query's saturated score), so a query whose best keyword hit matched little of it (a
   * paraphrase meeting one generic word) does not get that hit inflated to 1. Measured: no gain
   * on the dev + own sets at 0.05–0.5 (worse from 0.1), so off by default.
   */
  keywordFloor: number;
  /**
   * Calibrated only: vector scores rescaled between the candidate list's floor and best ('minmax'),
   * or taken as raw cosine ('raw'), which keeps a weak vector list (a query the embedder barely
   * knows) from counting as much as a confident one.
   */
  vectorNorm: 'minmax' | 'raw';
  /**
   * Bounded demotion (-1 = off): a keyword hit at keyword rank r (0-based, r < protectDepth) whose
   * BM25 score is at least protectMin × the query's saturated score (queryNorm) ends at fused rank
   * ≤ r + protectMargin. The vector side can still add up to protectMargin candidates above each
   * such hit and reorder within that margin, but a weak (corpus-trained) embedder cannot push a clause
   * that matches the query's words out of the top k. Keyword hits below protectMin (a paraphrase
   * meeting one generic word; the back-off's stray characters) are not protected: there the vector
   * side decides. Chosen by 3-fold cross-validation over dev/own/holdout × three LSA variants
   * (dim 128/192/256): hybrid ≥ keyword on R@10 and MRR@10 in every set and variant for margin 1–2
   * and protectMin 0.005–0.02 (holdout R@10 0.946 → 0.963 at 192); margin ≥ 3 or protectMin ≥ 0.03
   * lose holdout recall again, protectMin 0 (protecting stray hits) loses it on dim 128.
   */
  protectMargin: number;
  protectDepth: number;
  protectMin: number;
}

export const DEFAULT_FUSION: FusionParams = {
  method: 'calibrated',
  keywordWeight: 0.7,
  rrfK: 60,
  keywordFloor: 0,
  vectorNorm: 'minmax',
  protectMargin: 2,
  protectDepth: 10,
  protectMin: 0.01,
};

/** Position + 1 in collect()'s output of a record index (0: absent); cleared after each call. */
let slotOf = new Int32Array(1024);

/** Both lists' records, keyword ones first, each once (a later entry of the same list wins). */
function collect(keyword: Ranked[], vector: Ranked[]): Fused[] {
  let top = 0;
  for (let i = 0; i < keyword.length; i++) if (keyword[i].index > top) top = keyword[i].index;
  for (let i = 0; i < vector.length; i++) if (vector[i].index > top) top = vector[i].index;
  if (top >= slotOf.length) slotOf = new Int32Array(Math.max(top + 1, slotOf.length * 2));
  const slot = slotOf;
  const out: Fused[] = [];
  for (let i = 0; i < keyword.length; i++) {
    const h = keyword[i];
    // Every Fused object gets both sides in the same order (undefined when absent): one hidden class
    // for all of them, so the optimized code that reads them is not thrown away again and again
    // (measured: `search` deoptimized ≈ every 6th hybrid query on "wrong map" with three shapes).
    const f: Fused = { index: h.index, score: 0, keyword: h.score, vector: undefined };
    if (slot[h.index]) out[slot[h.index] - 1] = f;
    else slot[h.index] = out.push(f);
  }
  for (let i = 0; i < vector.length; i++) {
    const h = vector[i];
    const s = slot[h.index];
    if (s) out[s - 1].vector = h.score;
    else slot[h.index] = out.push({ index: h.index, score: 0, keyword: undefined, vector: h.score });
  }
  for (let i = 0; i < out.length; i++) slot[out[i].index] = 0;
  return out;
}

const byScore = (a: Fused, b: Fused) => b.score - a.score || a.index - b.index;

/** Position of each record index of `ranked` in `all` (collect's output). */
function positions(all: Fused[], ranked: Ranked[]): Int32Array {
  let top = 0;
  for (let i = 0; i < all.length; i++) if (all[i].index > top) top = all[i].index;
  if (top >= slotOf.length) slotOf = new Int32Array(Math.max(top + 1, slotOf.length * 2));
  const slot = slotOf;
  for (let i = 0; i < all.length; i++) slot[all[i].index] = i + 1;
  const pos = new Int32Array(ranked.length);
  for (let i = 0; i < ranked.length; i++) pos[i] = slot[ranked[i].index] - 1;
  for (let i = 0; i < all.length; i++) slot[all[i].index] = 0;
  return pos;
}

export function fuseRrf(keyword: Ranked[], vector: Ranked[], p: FusionParams = DEFAULT_FUSION): Fused[] {
  const all = collect(keyword, vector);
  const kPos = positions(all, keyword);
  const vPos = positions(all, vector);
  for (let r = 0; r < keyword.length; r++) all[kPos[r]].score += p.keywordWeight / (p.rrfK + r + 1);
  for (let r = 0; r < vector.length; r++) all[vPos[r]].score += (1 - p.keywordWeight) / (p.rrfK + r + 1);
  return all.sort(byScore);
}

export function fuseCalibrated(keyword: Ranked[], vector: Ranked[], p: FusionParams = DEFAULT_FUSION, queryNorm = 0): Fused[] {
  const all = collect(keyword, vector);
  let kBest = 0;
  for (const h of keyword) if (h.score > kBest) kBest = h.score;
  const kMax = Math.max(kBest, (p.keywordFloor ?? 0) * queryNorm);
  // The vector floor: the worst score of the candidate list (a record not in the list scores 0).
  let vMax = vector.length ? -Infinity : 0;
  let vMin = vector.length ? Infinity : 0;
  for (const h of vector) {
    if (h.score > vMax) vMax = h.score;
    if (h.score < vMin) vMin = h.score;
  }
  const vSpan = vMax - vMin;
  for (let i = 0; i < all.length; i++) {
    const f = all[i];
    const k = f.keyword !== undefined && kMax > 0 ? f.keyword / kMax : 0;
    const v =
      f.vector === undefined
        ? 0
        : p.vectorNorm === 'raw'
          ? Math.max(0, f.vector)
          : vSpan > 1e-9
            ? (f.vector - vMin) / vSpan
            : 1;
    f.score = p.keywordWeight * k + (1 - p.keywordWeight) * v;
  }
  return all.sort(byScore);
}

/**
 * Re-merges the fused list so that each protected keyword hit sits no lower than its keyword rank +
 * margin (see FusionParams.protectMargin). A hit placed early by this rule gets its score raised to
 * just above the next hit's, so the list stays ordered by score for the later (score-based) stages.
 */
export function boundDemotion(fused: Fused[], keyword: Ranked[], p: FusionParams, queryNorm = 0): Fused[] {
  const margin = p.protectMargin;
  if (!(margin >= 0) || !keyword.length) return fused;
  const depth = Math.min(keyword.length, p.protectDepth);
  const min = p.protectMin * queryNorm;
  // The protected hits in keyword order (their deadlines, the latest fused position allowed, increase
  // in that order), by their position in `fused`.
  let protectedPos: number[] | null = null;
  let deadline: number[] | null = null;
  for (let r = 0; r < depth; r++) {
    if (!(keyword[r].score >= min)) continue;
    const idx = keyword[r].index;
    let at = -1;
    for (let i = 0; i < fused.length; i++) if (fused[i].index === idx) at = i;
    if (at < 0) continue;
    (protectedPos ??= []).push(at);
    (deadline ??= []).push(r + margin);
  }
  if (!protectedPos || !deadline) return fused;
  const out: Fused[] = [];
  /** By position in `fused`: already placed. */
  const used = new Uint8Array(fused.length);
  /** By position in `out`: placed early by its deadline. */
  const forced = new Uint8Array(fused.length);
  let next = 0;
  let queue = 0;
  while (out.length < fused.length) {
    const pos = out.length;
    // The first protected hit not yet placed takes this position when its deadline has come.
    while (queue < protectedPos.length && used[protectedPos[queue]]) queue++;
    let at: number;
    if (queue < protectedPos.length && deadline[queue] <= pos) {
      at = protectedPos[queue];
      forced[pos] = 1;
    } else {
      while (used[next]) next++;
      at = next;
    }
    used[at] = 1;
    out.push(fused[at]);
  }
  for (let i = out.length - 2; i >= 0; i--) {
    if (forced[i] && out[i].score <= out[i + 1].score) out[i].score = out[i + 1].score + 1e-9;
  }
  return out;
}

/** Fuses both lists with the chosen method, then bounds how far the vector side demotes keyword hits. */
export function fuse(keyword: Ranked[], vector: Ranked[], p: FusionParams = DEFAULT_FUSION, queryNorm = 0): Fused[] {
  const fused = p.method === 'rrf' ? fuseRrf(keyword, vector, p) : fuseCalibrated(keyword, vector, p, queryNorm);
  return boundDemotion(fused, keyword, p, queryNorm);
}
