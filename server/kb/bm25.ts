// In-memory BM25F over pre-tokenized records.
//
// Two term spaces, each with two fields:
//   word terms   — jieba search-mode tokens (records.tokens / records.path_tokens)
//   bigram terms — Han character bigrams of the text and of the path (robust to segmentation
//                  mismatch: 燃料电池汽车 still meets 燃料电池 even when jieba cuts differently)
// Fields: the record's own text, and its section path + 专栏 title as a weaker field, so that a
// clause under （7）新能源领域 matches 新能源 although its own words do not.
//
// Field weights are fixed at build time, so each posting stores its final saturated BM25F impact
// (tf'·(k1+1)/(k1+tf')); a query is a weighted sum of idf·impact over flat typed-array postings.
// That keeps 100k-record queries in a few milliseconds.

/** Records of the postings pass between two steps of Bm25Builder.finishing() (a few ms of work each). */
const FINISH_STEP = 2048;

export interface Bm25Input {
  /** Index tokens of the record text (tokenizeForIndex). */
  tokens: string[];
  /** Index tokens of the section path + 专栏 title. */
  pathTokens: string[];
  /** Matching form of the text (normalize()): bigrams are taken from it. */
  norm: string;
  /** Matching form of the path (joined), for path bigrams. */
  pathNorm: string;
  /** Index tokens of document-level context (jurisdiction, short title): weakest field. */
  docTokens?: string[];
  /** Matching form of the document-level context, for its bigrams. */
  docNorm?: string;
}

export interface Bm25Params {
  k1: number;
  /** Length normalization of the text field. */
  b: number;
  /** Weight of the path field relative to the text field (1). */
  pathWeight: number;
  /** Length normalization of the path field. */
  pathB: number;
  /** Records shorter than this many terms are length-normalized as if this long (tiny records). */
  minLen: number;
  /** Weight of the document-context field (jurisdiction, title), no length normalization. */
  docWeight: number;
}

export const DEFAULT_BM25: Bm25Params = { k1: 1.2, b: 0.75, pathWeight: 0.35, pathB: 0.3, minLen: 6, docWeight: 0.15 };

export interface QueryTerm {
  term: string;
  /** 'w' = word term, 'b' = bigram term. */
  space: 'w' | 'b';
  weight: number;
  /**
   * Concept of the query this term belongs to (0..31): a query word, its sub-words, its inner
   * bigrams and its synonyms share one. Used for coordination; -1 or absent = no concept.
   */
  group?: number;
  /** The concept's own word (新材料 for the concept 新材料; 材料 would be a sub-word of it). */
  head?: boolean;
  /** Added by the thesaurus, not typed by the user. */
  expansion?: boolean;
}

export interface Bm25Hit {
  /** Record index (position in the build input). */
  index: number;
  score: number;
}

/** Han ideographs (CJK unified, extension A, compatibility; extensions B+ via code point). */
function isHan(cp: number): boolean {
  return (
    (cp >= 0x4e00 && cp <= 0x9fff) ||
    (cp >= 0x3400 && cp <= 0x4dbf) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0x20000 && cp <= 0x323af)
  );
}

/** Han character bigrams of a normalized string (runs of Han characters only), in order. */
export function hanBigrams(norm: string): string[] {
  const out: string[] = [];
  let prev = '';
  for (let i = 0; i < norm.length; i++) {
    const cp = norm.codePointAt(i)!;
    const ch = cp > 0xffff ? norm.slice(i, i + 2) : norm[i];
    if (cp > 0xffff) i++;
    if (isHan(cp)) {
      if (prev) out.push(prev + ch);
      prev = ch;
    } else prev = '';
  }
  return out;
}

/** Terms idFor() keeps per space (a few queries' worth). */
const RECENT_TERMS = 512;

/** Touched records from which search() bounds the top k before coordinating (below, coordinating all is cheap). */
const PRUNE_FROM = 2000;

/** Match patterns of up to 8 active concepts (3^8) are looked up in a typed array; more in a Map. */
const FACTOR_SLOTS = 3 ** 8;

/** BASE3[b]: the bits of b (8 of them) read as base-3 digits, Σ 3^i over the set bits i. */
const BASE3 = Uint16Array.from({ length: 256 }, (_, b) => {
  let v = 0;
  for (let i = 7; i >= 0; i--) v = v * 3 + ((b >> i) & 1);
  return v;
});

/** Heap order: a is "worse" than b (lower score; on ties the higher index is worse). */
function worse(sa: number, ia: number, sb: number, ib: number): boolean {
  return sa < sb || (sa === sb && ia > ib);
}

/** topK's heap, reused (queries run one at a time; each call's result is copied out before the next). */
let heapIdx = new Int32Array(64);
let heapScore = new Float32Array(64);

/**
 * Top-k selection with a binary min-heap on score (ties: lower index wins, for stable output).
 * Allocation-free apart from the result (this runs for every query): the heap is emptied worst
 * first into the result from its end, which leaves the result best first.
 */
function topK(indices: Int32Array, count: number, scores: Float32Array, k: number): Bm25Hit[] {
  if (heapIdx.length < k) {
    heapIdx = new Int32Array(k);
    heapScore = new Float32Array(k);
  }
  const heapI = heapIdx;
  const heapS = heapScore;
  let size = 0;
  for (let n = 0; n < count; n++) {
    const i = indices[n];
    const s = scores[i];
    if (size < k) {
      let c = size++;
      // Sift up.
      while (c > 0) {
        const p = (c - 1) >> 1;
        if (!worse(s, i, heapS[p], heapI[p])) break;
        heapI[c] = heapI[p];
        heapS[c] = heapS[p];
        c = p;
      }
      heapI[c] = i;
      heapS[c] = s;
    } else if (worse(heapS[0], heapI[0], s, i)) siftDown(heapI, heapS, size, i, s);
  }
  const out: Bm25Hit[] = new Array(size);
  while (size > 0) {
    out[size - 1] = { index: heapI[0], score: heapS[0] };
    size--;
    if (size > 0) siftDown(heapI, heapS, size, heapI[size], heapS[size]);
  }
  return out;
}

/** Puts (i, s) at the root of the heap of `size` entries and sifts it down. */
function siftDown(heapI: Int32Array, heapS: Float32Array, size: number, i: number, s: number): void {
  let c = 0;
  for (;;) {
    const l = 2 * c + 1;
    if (l >= size) break;
    const r = l + 1;
    const m = r < size && worse(heapS[r], heapI[r], heapS[l], heapI[l]) ? r : l;
    if (!worse(heapS[m], heapI[m], s, i)) break;
    heapI[c] = heapI[m];
    heapS[c] = heapS[m];
    c = m;
  }
  heapI[c] = i;
  heapS[c] = s;
}

export class Bm25Index {
  readonly size: number;
  readonly params: Bm25Params;
  private readonly wordIds: Map<string, number>;
  private readonly bigramIds: Map<string, number>;
  private readonly offsets: Int32Array;
  private readonly postDocs: Int32Array;
  private readonly postImpact: Float32Array;
  private readonly idf: Float32Array;
  // Per-query scratch, reused (queries run one at a time on the event loop).
  private readonly acc: Float32Array;
  private readonly touched: Int32Array;
  /** The touched records that can still make the top k (search's pruning). */
  private readonly kept: Int32Array;
  private readonly groups: Uint32Array;
  private readonly heads: Uint32Array;
  /** Coordination factor per match pattern of the current query (valid where factorStamp = stamp). */
  private readonly factorOf = new Float64Array(FACTOR_SLOTS);
  private readonly factorStamp = new Uint32Array(FACTOR_SLOTS);
  private stamp = 0;
  /** Per concept: the weight of its strongest term in the current query (zeroed after each query). */
  private readonly importance = new Float64Array(32);
  /** The current query's concepts with a weight, in order. */
  private readonly active = new Int32Array(32);
  /** The current query's coordination settings (search() sets them; factorFor reads them). */
  private readonly coordination = { slots: true, small: true, cache: null as Map<number, number> | null, stamp: 0, na: 0, hasHead: 0, total: 0, coord: 0 };
  /** Ids of terms recently looked up by idFor, per space. */
  private readonly recentWords = new Map<string, number>();
  private readonly recentBigrams = new Map<string, number>();
  private readonly charBigrams = new Map<string, string[]>();

  private constructor(
    size: number,
    params: Bm25Params,
    wordIds: Map<string, number>,
    bigramIds: Map<string, number>,
    offsets: Int32Array,
    postDocs: Int32Array,
    postImpact: Float32Array,
    idf: Float32Array,
  ) {
    this.size = size;
    this.params = params;
    this.wordIds = wordIds;
    this.bigramIds = bigramIds;
    this.offsets = offsets;
    this.postDocs = postDocs;
    this.postImpact = postImpact;
    this.idf = idf;
    this.acc = new Float32Array(size);
    this.touched = new Int32Array(size);
    this.kept = new Int32Array(size);
    this.groups = new Uint32Array(size);
    this.heads = new Uint32Array(size);
  }

  private idOf(space: 'w' | 'b', term: string): number | undefined {
    return (space === 'b' ? this.bigramIds : this.wordIds).get(term);
  }

  get vocabularySize(): number {
    return this.wordIds.size + this.bigramIds.size;
  }

  get postingCount(): number {
    return this.postDocs.length;
  }

  /** Approximate bytes held by the typed arrays (the term map comes on top). */
  get byteSize(): number {
    return this.offsets.byteLength + this.postDocs.byteLength + this.postImpact.byteLength + this.idf.byteLength;
  }

  /** Id of a term in this index, -1 when the index lacks it: resolve a query's terms once, then use the *Id methods. */
  termId(space: 'w' | 'b', term: string): number {
    return this.idOf(space, term) ?? -1;
  }

  /**
   * termId of a query term. One query's terms are looked up by several stages (concepts, relevance,
   * scoring); the last RECENT_TERMS looked up are kept in a small table, which stays in cache where
   * the whole vocabulary does not.
   */
  idFor(t: QueryTerm): number {
    const recent = t.space === 'b' ? this.recentBigrams : this.recentWords;
    let id = recent.get(t.term);
    if (id === undefined) {
      id = this.termId(t.space, t.term);
      if (recent.size >= RECENT_TERMS) recent.clear();
      recent.set(t.term, id);
    }
    return id;
  }

  /** Inverse document frequency of a term id (the df-0 value for -1). */
  idfId(id: number): number {
    return id < 0 ? Math.log(1 + (this.size + 0.5) / 0.5) : this.idf[id];
  }

  /** Document frequency of a term (any field), 0 when unknown. */
  df(space: 'w' | 'b', term: string): number {
    const id = this.idOf(space, term);
    return id === undefined ? 0 : this.offsets[id + 1] - this.offsets[id];
  }

  /** Document frequency of a term id (termId), 0 for -1. */
  dfId(id: number): number {
    return id < 0 ? 0 : this.offsets[id + 1] - this.offsets[id];
  }

  /** Inverse document frequency of a term as scoring uses it; a term the index lacks gets the df-0 value. */
  idfOf(space: 'w' | 'b', term: string): number {
    const id = this.idOf(space, term);
    return id === undefined ? Math.log(1 + (this.size + 0.5) / 0.5) : this.idf[id];
  }

  /** Does record `index` contain the term (in any field)? Binary search in its posting list. */
  has(space: 'w' | 'b', term: string, index: number): boolean {
    return this.hasId(this.idOf(space, term) ?? -1, index);
  }

  /** has() for a term id (termId); false for -1. */
  hasId(id: number, index: number): boolean {
    if (id < 0) return false;
    let lo = this.offsets[id];
    let hi = this.offsets[id + 1] - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const d = this.postDocs[mid];
      if (d === index) return true;
      if (d < index) lo = mid + 1;
      else hi = mid - 1;
    }
    return false;
  }

  static build(docs: Bm25Input[], params: Bm25Params = DEFAULT_BM25): Bm25Index {
    const builder = new Bm25Builder(params);
    for (const d of docs) builder.add(d);
    return builder.finish();
  }

  /** The index from the builder's state (Bm25Builder.finish). */
  static fromParts(
    size: number,
    params: Bm25Params,
    wordIds: Map<string, number>,
    bigramIds: Map<string, number>,
    offsets: Int32Array,
    postDocs: Int32Array,
    postImpact: Float32Array,
    idf: Float32Array,
  ): Bm25Index {
    return new Bm25Index(size, params, wordIds, bigramIds, offsets, postDocs, postImpact, idf);
  }

  /**
   * Scores records against weighted query terms; returns the best k with score > 0.
   * `allow` (optional) is a per-record mask: 0 excludes the record (filters).
   * `coord` > 0 applies a coordination factor: a record's score is multiplied by
   * (importance of the query concepts it matches / importance of all matchable concepts)^coord,
   * so a clause meeting 新材料 and 受理 beats one that repeats 新材料 (and its sub-words) alone.
   * A concept met only through its sub-words or bigrams (材料 for 新材料) earns half its credit.
   */
  search(terms: QueryTerm[], k: number, allow?: Uint8Array, coord = 0): Bm25Hit[] {
    if (k <= 0 || this.size === 0) return [];
    const acc = this.acc;
    const touched = this.touched;
    const groups = this.groups;
    const heads = this.heads;
    const importance = this.importance;
    let hasHead = 0;
    let count = 0;
    for (const qt of terms) {
      const id = this.idFor(qt);
      if (id < 0 || !(qt.weight > 0)) continue;
      const w = qt.weight * this.idf[id];
      const g = qt.group !== undefined && qt.group >= 0 && qt.group < 32 ? qt.group : -1;
      const bit = g >= 0 ? 1 << g : 0;
      const headBit = qt.head ? bit : 0;
      hasHead |= headBit;
      if (g >= 0) importance[g] = Math.max(importance[g], w);
      const end = this.offsets[id + 1];
      const { postDocs, postImpact } = this;
      // Two copies of the loop: the unfiltered one (nearly every query) does not test a mask per posting.
      if (allow) {
        for (let p = this.offsets[id]; p < end; p++) {
          const d = postDocs[p];
          if (allow[d] === 0) continue;
          if (acc[d] === 0) touched[count++] = d;
          acc[d] += w * postImpact[p];
          groups[d] |= bit;
          heads[d] |= headBit;
        }
      } else {
        for (let p = this.offsets[id]; p < end; p++) {
          const d = postDocs[p];
          if (acc[d] === 0) touched[count++] = d;
          acc[d] += w * postImpact[p];
          groups[d] |= bit;
          heads[d] |= headBit;
        }
      }
    }
    // Active concepts only (a query has a handful): records sharing a match pattern share a factor.
    const active = this.active;
    let na = 0;
    let total = 0;
    for (let g = 0; g < 32; g++) {
      if (importance[g] > 0) {
        active[na++] = g;
        total += importance[g];
      }
    }
    // The records whose final score is worked out: all touched ones, or those that can still make
    // the top k (below).
    let list = touched;
    let size = count;
    if (coord > 0 && total > 0 && na > 0) {
      // Pattern → factor: a typed array stamped per query when the patterns fit, else a Map.
      const c = this.coordination;
      c.slots = na <= 8;
      c.cache = c.slots ? null : new Map<number, number>();
      c.stamp = this.stamp = (this.stamp + 1) >>> 0 || 1;
      // When every active concept is one of the first 8, a pattern's key is its base-3 number read
      // off two table lookups (a concept's digit: 1 met, +1 met in full; full ⊆ met), not a loop.
      c.small = active[na - 1] < 8;
      c.na = na;
      c.hasHead = hasHead;
      c.total = total;
      c.coord = coord;
      // A factor is at most 1, so a record's final score is at most its raw one. The final scores of
      // the k best raw scores bound the k-th best final score from below; a record whose raw score is
      // under that bound cannot make the top k and is not coordinated at all (exact; it pays off when
      // many records are touched, as in a large index).
      const kk = Math.min(k, count);
      let bound = -Infinity;
      if (count > PRUNE_FROM && kk > 0) {
        bound = Infinity;
        for (const h of topK(touched, count, acc, kk)) bound = Math.min(bound, Math.fround(h.score * this.factorFor(h.index)));
        list = this.kept;
        size = 0;
      }
      for (let n = 0; n < count; n++) {
        const d = touched[n];
        if (acc[d] < bound) continue;
        acc[d] *= this.factorFor(d);
        if (list !== touched) list[size++] = d;
      }
    }
    const hits = topK(list, size, acc, Math.min(k, size || 1));
    for (let n = 0; n < count; n++) {
      acc[touched[n]] = 0;
      groups[touched[n]] = 0;
      heads[touched[n]] = 0;
    }
    importance.fill(0);
    // Best first: the hits without a positive score are the tail.
    let m = hits.length;
    while (m > 0 && !(hits[m - 1].score > 0)) m--;
    hits.length = m;
    return hits;
  }

  /**
   * The coordination factor of record d in the current query: (importance of the concepts it meets,
   * half for those met only partly) / (importance of all), to the power coord; shared by the records
   * with the same match pattern. A method rather than a closure made per search: under tsx every
   * closure made is also named at run time.
   */
  private factorFor(d: number): number {
    const c = this.coordination;
    const { active, importance } = this;
    const na = c.na;
    const mask = this.groups[d];
    const full = this.heads[d] | (mask & ~c.hasHead);
    // Pattern key: one base-3 digit per concept (0 none, 1 partial, 2 full).
    let key = 0;
    if (c.small) key = BASE3[mask & 0xff] + BASE3[full & 0xff];
    else {
      for (let a = 0; a < na; a++) {
        const bit = 1 << active[a];
        key = key * 3 + (full & bit ? 2 : mask & bit ? 1 : 0);
      }
    }
    // (Every path yields a number: a number-or-undefined local would box each factor.)
    if (c.slots) {
      if (this.factorStamp[key] === c.stamp) return this.factorOf[key];
    } else {
      const known = c.cache!.get(key);
      if (known !== undefined) return known;
    }
    let got = 0;
    for (let a = 0; a < na; a++) {
      const bit = 1 << active[a];
      if (full & bit) got += importance[active[a]];
      else if (mask & bit) got += 0.5 * importance[active[a]];
    }
    // Terms outside any concept still score; a record matching only those keeps a floor.
    const factor = Math.pow(Math.max(got / c.total, 0.05), c.coord);
    if (c.slots) {
      this.factorOf[key] = factor;
      this.factorStamp[key] = c.stamp;
    } else c.cache!.set(key, factor);
    return factor;
  }

  /**
   * Indexed bigrams containing a character. The character → bigrams table is built on first use in
   * one pass over the bigram vocabulary, so no query (however many odd characters it holds) scans it.
   */
  bigramsWith(ch: string): string[] {
    if (!this.charBigrams.size) {
      const table = this.charBigrams;
      for (const b of this.bigramIds.keys()) {
        const chars = Array.from(b);
        for (let i = 0; i < chars.length; i++) {
          if (i > 0 && chars[i] === chars[0]) continue;
          const list = table.get(chars[i]);
          if (list) list.push(b);
          else table.set(chars[i], [b]);
        }
      }
      if (!table.size) table.set('', []);
    }
    return this.charBigrams.get(ch) ?? [];
  }

  /**
   * The score a record would get by matching every known query term at saturation: an absolute
   * yardstick for how well the best hit actually matched (used to calibrate fusion).
   */
  queryNorm(terms: QueryTerm[]): number {
    let s = 0;
    for (const qt of terms) {
      const id = this.idFor(qt);
      if (id >= 0 && qt.weight > 0) s += qt.weight * this.idf[id] * (this.params.k1 + 1);
    }
    return s;
  }
}

/**
 * Builds a Bm25Index one record at a time (the loader streams rows into it, so a million records'
 * token lists are never held at once). Pass 1 (add) turns each record's fields into term ids and
 * per-record term counts in flat growable typed arrays; finish() computes document frequencies,
 * average field lengths, and lays the postings out per term in record order with their final
 * saturated BM25F impact.
 */
export class Bm25Builder {
  private n = 0;
  private cap = 1 << 16;
  private pTerm = new Int32Array(this.cap);
  private pTfText = new Float32Array(this.cap);
  private pTfPath = new Float32Array(this.cap);
  private pTfDoc = new Float32Array(this.cap);
  private used = 0;
  private docStart = new Int32Array(1024);
  /** Field lengths per record: [word text, word path, bigram text, bigram path]. */
  private lens = [new Float32Array(1024), new Float32Array(1024), new Float32Array(1024), new Float32Array(1024)];
  // Two vocabularies (no string concatenation per token) sharing one id space.
  private readonly wordIds = new Map<string, number>();
  private readonly bigramIds = new Map<string, number>();
  /** 1 for a bigram term, 0 for a word term, by term id. */
  private spaceOf = new Uint8Array(1 << 16);
  private nTerms = 0;
  // Many records share a path or a document: their term ids are computed once.
  private readonly shared = new Map<string, [Int32Array, Int32Array]>();
  // Per-record dedupe without a Map: the last record a term was seen in, and its slot there.
  private lastDoc = new Int32Array(1 << 16).fill(-1);
  private slotOf = new Int32Array(1 << 16);

  constructor(readonly params: Bm25Params = DEFAULT_BM25) {}

  /** Records added so far. */
  get size(): number {
    return this.n;
  }

  private idsOf(terms: string[], bigram: boolean): Int32Array {
    const map = bigram ? this.bigramIds : this.wordIds;
    const out = new Int32Array(terms.length);
    for (let i = 0; i < terms.length; i++) {
      let id = map.get(terms[i]);
      if (id === undefined) {
        id = this.nTerms++;
        if (id >= this.spaceOf.length) {
          const grown = new Uint8Array(this.spaceOf.length * 2);
          grown.set(this.spaceOf);
          this.spaceOf = grown;
        }
        this.spaceOf[id] = bigram ? 1 : 0;
        map.set(terms[i], id);
      }
      out[i] = id;
    }
    return out;
  }

  private sharedIds(key: string, tokens: string[], norm: string): [Int32Array, Int32Array] {
    let v = this.shared.get(key);
    if (!v) this.shared.set(key, (v = [this.idsOf(tokens, false), this.idsOf(hanBigrams(norm), true)]));
    return v;
  }

  private grow(need: number): void {
    if (this.used + need <= this.cap) return;
    while (this.used + need > this.cap) this.cap *= 2;
    const widen = <A extends Int32Array | Float32Array>(a: A): A => {
      const t = new (a.constructor as new (n: number) => A)(this.cap);
      t.set(a);
      return t;
    };
    this.pTerm = widen(this.pTerm);
    this.pTfText = widen(this.pTfText);
    this.pTfPath = widen(this.pTfPath);
    this.pTfDoc = widen(this.pTfDoc);
  }

  /** Adds the next record (its index is the number added before it). */
  add(doc: Bm25Input): void {
    const d = this.n++;
    if (this.n + 1 > this.docStart.length) {
      const size = this.docStart.length * 2;
      const d2 = new Int32Array(size);
      d2.set(this.docStart);
      this.docStart = d2;
      this.lens = this.lens.map((l) => {
        const t = new Float32Array(size);
        t.set(l);
        return t;
      });
    }
    this.docStart[d] = this.used;
    const [pathW, pathB2] = this.sharedIds('p' + doc.pathNorm + '\u0000' + doc.pathTokens.join(' '), doc.pathTokens, doc.pathNorm);
    const [docW, docB] = this.sharedIds('d' + (doc.docNorm ?? '') + '\u0000' + (doc.docTokens ?? []).join(' '), doc.docTokens ?? [], doc.docNorm ?? '');
    const textW = this.idsOf(doc.tokens, false);
    const textB = this.idsOf(hanBigrams(doc.norm), true);
    if (this.nTerms > this.lastDoc.length) {
      const l = new Int32Array(this.nTerms * 2).fill(-1);
      l.set(this.lastDoc);
      this.lastDoc = l;
      const so = new Int32Array(this.nTerms * 2);
      so.set(this.slotOf);
      this.slotOf = so;
    }
    const { lastDoc, slotOf } = this;
    // field: 0 text, 1 path, 2 document context; lens: [word text, word path, bigram text, bigram path]
    const fields: [Int32Array, number, number][] = [
      [textW, 0, 0],
      [pathW, 1, 1],
      [textB, 0, 2],
      [pathB2, 1, 3],
      [docW, 2, -1],
      [docB, 2, -1],
    ];
    for (const [ids, field, lenSlot] of fields) {
      if (lenSlot >= 0) this.lens[lenSlot][d] = ids.length;
      this.grow(ids.length);
      const { pTerm, pTfText, pTfPath, pTfDoc } = this;
      for (let i = 0; i < ids.length; i++) {
        const id = ids[i];
        let slot: number;
        if (lastDoc[id] !== d) {
          lastDoc[id] = d;
          slot = this.used++;
          slotOf[id] = slot;
          pTerm[slot] = id;
          pTfText[slot] = 0;
          pTfPath[slot] = 0;
          pTfDoc[slot] = 0;
        } else slot = slotOf[id];
        if (field === 1) pTfPath[slot] += 1;
        else if (field === 2) pTfDoc[slot] += 1;
        else pTfText[slot] += 1;
      }
    }
  }

  /** The index of every record added; the builder is spent afterwards. */
  finish(): Bm25Index {
    const steps = this.finishing();
    let r = steps.next();
    while (!r.done) r = steps.next();
    return r.value;
  }

  /**
   * finish() with pauses: `pause` is awaited whenever about `sliceMs` of work has run since the last
   * one (a server building its next index in the background keeps answering). The same index.
   */
  async finishCooperatively(pause: () => Promise<void>, sliceMs = 8): Promise<Bm25Index> {
    const steps = this.finishing();
    let since = performance.now();
    for (let r = steps.next(); ; r = steps.next()) {
      if (r.done) return r.value;
      if (performance.now() - since > sliceMs) {
        await pause();
        since = performance.now();
      }
    }
  }

  /** The work of finish(), in steps: it yields after every FINISH_STEP records of the postings pass. */
  private *finishing(): Generator<void, Bm25Index> {
    const n = this.n;
    const { docStart, lens, pTerm, pTfText, pTfPath, pTfDoc, used } = this;
    docStart[n] = used;

    // Average field lengths.
    const avg = lens.map((l) => {
      let s = 0;
      for (let i = 0; i < n; i++) s += l[i];
      return n ? Math.max(1, s / n) : 1;
    });

    // Pass 2: df per term, offsets, then fill postings in record order (so lists are sorted).
    const nTerms = this.nTerms;
    const df = new Int32Array(nTerms);
    for (let p = 0; p < used; p++) df[pTerm[p]]++;
    const offsets = new Int32Array(nTerms + 1);
    for (let t = 0; t < nTerms; t++) offsets[t + 1] = offsets[t] + df[t];
    const fill = offsets.slice(0, nTerms);
    const postDocs = new Int32Array(used);
    const postImpact = new Float32Array(used);
    const { k1, b, pathWeight, pathB, minLen, docWeight } = this.params;
    const isBigram = this.spaceOf;
    for (let d = 0; d < n; d++) {
      for (let p = docStart[d]; p < docStart[d + 1]; p++) {
        const id = pTerm[p];
        const sp = isBigram[id] ? 2 : 0;
        const lt = Math.max(minLen, lens[sp][d]);
        const lp = Math.max(1, lens[sp + 1][d]);
        const tfT = pTfText[p] / (1 - b + (b * lt) / avg[sp]);
        const tfP = pTfPath[p] / (1 - pathB + (pathB * lp) / avg[sp + 1]);
        const tf = tfT + pathWeight * tfP + docWeight * Math.min(1, pTfDoc[p]);
        const slot = fill[id]++;
        postDocs[slot] = d;
        postImpact[slot] = (tf * (k1 + 1)) / (k1 + tf);
      }
      if (d % FINISH_STEP === FINISH_STEP - 1) yield;
    }
    const idf = new Float32Array(nTerms);
    for (let t = 0; t < nTerms; t++) idf[t] = Math.log(1 + (n - df[t] + 0.5) / (df[t] + 0.5));
    // Let go of the pass-1 arrays before the caller goes on (a large index holds them twice otherwise).
    this.pTerm = new Int32Array(0);
    this.pTfText = this.pTfPath = this.pTfDoc = new Float32Array(0);
    this.shared.clear();
    return Bm25Index.fromParts(n, this.params, this.wordIds, this.bigramIds, offsets, postDocs, postImpact, idf);
  }
}
