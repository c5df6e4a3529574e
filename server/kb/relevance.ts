// Relevance: is a candidate clause about what the query asks? (issue 11)
//
// Ranking orders candidates; this module decides which of them may be shown as hits. The decision
// rests on the query's concepts (query-terms.ts) and which of them a clause covers — never on a
// fixed score cut:
//  - each concept gets a role: topic (what the query is about), request (支持, 项目, 对比, 各地区 …:
//    what the user wants back), place (a jurisdiction of the corpus), fragment (a single character
//    glued to the rest, such as 找 of 找谁); and a knowledge: known (the corpus uses the word, a
//    thesaurus synonym or a translation of it), half known (only a part of it, 外国 of 外国人, or
//    only gloss-pivot neighbours), unknown (珠宝 of 珠宝鉴定);
//  - a query is off-corpus when half its topics (short queries) or three quarters (longer questions)
//    are unknown: it is about something the documents lack, and nothing is relevant;
//  - a clause covers a concept fully (its word), through an expansion (synonym, translation, pivot
//    neighbour), partly (a typed sub-word or bigram), or not at all; topics count only where the
//    clause itself says them (text or section path), places and request words also through the
//    document's title or jurisdiction;
//  - a clause is relevant when it has an anchor — a known, specific topic (idf ≥ anchorIdf) met as a
//    whole word, or through a specific typed part (熔盐 of 钍基熔盐堆) — and covers at least
//    minCoverage of the query's idf-weighted concepts.
// Question words and single characters never make a match on their own: they are never anchors.
// The vector side: with the corpus-trained embedder it is never confident enough alone (see
// vectorTop); it still orders the candidates (fuse.ts).
// Calibrated with scripts/eval.ts on the dev, own, held-out, paraphrase and absent query sets; the
// measurements are noted at DEFAULT_RELEVANCE.

import type { DocumentMeta, KbRecord } from './types.ts';
import { hanBigrams, type Bm25Index, type QueryTerm } from './bm25.ts';
import type { AnalyzedQuery } from './query-terms.ts';
import { charMask, TermMasks } from './char-mask.ts';

export type ConceptRole = 'topic' | 'request' | 'place' | 'fragment';

export interface ConceptInfo {
  text: string;
  role: ConceptRole;
  /** Some term points to it (false: merged into another concept, e.g. 汽车 into 燃料电池汽车). */
  live: boolean;
  /** The corpus has the concept as a word, or one of its whole expansions (synonym, translation). */
  known: boolean;
  /** Best idf of the words that stand for it (0 when unknown). */
  idf: number;
  /** A single character next to a question word (找 of 找谁): what is left when the question is cut off. */
  besideQuestion: boolean;
}

export interface RelevanceParams {
  /**
   * A query whose live topic concepts are this share or more unknown to the corpus is about something
   * the corpus lacks: no clause is relevant to it (> 1 = off). maxUnknown holds for short queries (at
   * most shortQuery topics: 珠宝鉴定), maxUnknownLong for longer questions, whose unknown words are
   * more often everyday wording of what the corpus says (粒子束照射肿瘤 → 重离子治疗肿瘤).
   */
  maxUnknown: number;
  maxUnknownLong: number;
  shortQuery: number;
  /** Weight of an unknown concept in coverage, relative to the query's mean known topic weight. */
  unknownWeight: number;
  /** Weighted share of the query's concepts a clause must cover. */
  minCoverage: number;
  /** An anchor is a specific word: idf at least this (技术, 发展 occur in half the records and anchor nothing). */
  anchorIdf: number;
  /**
   * A partial match anchors only through a specific part: idf at least this (熔盐 of 钍基熔盐堆 4.6,
   * 马铃薯 of 马铃薯种薯 5.3 do; 生物 of 生物医药 2.2 does not). Partial matches always count towards coverage.
   */
  partialAnchorIdf: number;
  /** Credit for a concept met through a sub-word or bigram of it only (钍基熔盐堆 ← 熔盐). */
  partialCredit: number;
  /** Credit for a concept met through a thesaurus expansion only. */
  expansionCredit: number;
  /**
   * Credit for a concept met through a gloss-pivot neighbour only (query/pivot.ts: 年轻 → 青年, but
   * also 广场 → 平方), and whether such a match anchors a clause.
   */
  pivotCredit: number;
  pivotAnchors: boolean;
  /**
   * From this unknown share on, a clause must be anchored by a word the user typed (or its thesaurus
   * synonym or translation), not by a pivot neighbour alone: with half the query unknown, 离婚财产分割 must
   * not be answered through 财产 → 资产 (> 1 = off).
   */
  typedAnchorFrom: number;
  /** Weight multipliers per role (topic = 1). */
  requestWeight: number;
  placeWeight: number;
  fragmentWeight: number;
  /**
   * Vector confidence: a clause without a keyword match is still relevant when it is among the
   * vectorTop nearest neighbours of a query the corpus knows (unknownShare < maxUnknown) and its
   * cosine is at least vectorRatio × the best neighbour's (0 = off).
   */
  vectorTop: number;
  vectorRatio: number;
}

/**
 * Calibration (LSA index, hybrid, 2026-11-30; R@10/MRR@10/Hit@1, absent: share with no hits). Relevance
 * off: dev 0.971/0.967/0.950, own 0.977/0.758/0.659, held-out 0.963/0.883/0.800, paraphrase
 * 0.442/0.180/0.115, absent 0.029. These defaults: dev and held-out unchanged, own 0.966/0.774/0.682
 * (p04's second target is found by the vector side alone), paraphrase 0.250/0.110/0.077, absent 0.971.
 *  - minCoverage 0.15–0.2 keep own and held-out; 0.25 loses own targets (0.909), 0.3 more (0.864).
 *  - partial anchors are needed (none: dev R@10 0.946), but only through specific parts (partialAnchorIdf
 *    3–4 equal; 生物 of 生物医药 anchored 深部找矿 for 生物医药找谁).
 *  - pivot neighbours must anchor (not: own 0.920) but not alone when more than half the query is
 *    unknown (typedAnchorFrom 0.6; 0.5 loses own p18): absent 0.914 → 0.971.
 *  - vector rescue (vectorTop 5, ratio 0.6): of 165 unanchored candidates in unfiltered top-10s, 4 were
 *    targets, at vector ranks 4–10; it raised paraphrase R@10 by 0.04 and cost held-out 0.013: off.
 */
export const DEFAULT_RELEVANCE: RelevanceParams = {
  maxUnknown: 0.5,
  maxUnknownLong: 0.75,
  unknownWeight: 1,
  minCoverage: 0.15,
  anchorIdf: 2,
  partialAnchorIdf: 4,
  partialCredit: 0.5,
  expansionCredit: 0.8,
  pivotCredit: 0.8,
  pivotAnchors: true,
  typedAnchorFrom: 0.6,
  requestWeight: 0.3,
  placeWeight: 0.5,
  fragmentWeight: 0.1,
  shortQuery: 2,
  vectorTop: 0,
  vectorRatio: 0.9,
};

/**
 * Words that say what the user wants back rather than what it is about. Wider than query-terms.ts's
 * generic words: 对比, 各地区, 差异 ask for a comparison, which no clause is about.
 */
const REQUEST = new Set([
  '支持', '扶持', '项目', '方向', '方面', '相关', '有关', '情况', '内容', '具体', '主要', '问题', '工作', '哪方面',
  '申报', '申请', '要求', '规定', '政策', '计划', '领域', '重点', '类', '有', '需要', '条件', '措施', '文件',
  '对比', '比较', '区别', '差异', '不同', '异同', '各地', '各地区', '地区', '各省', '各市', '全国', '地方',
  '一下', '介绍', '查询', '了解', '资料', '信息', '东西', '事情',
]);

/** Jurisdiction names of the corpus in the forms a query uses: 兰州市, 兰州, 甘肃省兰州市. */
const placeCache = new WeakMap<Map<string, DocumentMeta>, Set<string>>();

function placeNames(docs: Map<string, DocumentMeta>): Set<string> {
  let names = placeCache.get(docs);
  if (!names) {
    names = new Set();
    for (const m of docs.values()) {
      const j = m.jurisdiction;
      for (const n of [j.name, j.fullName, j.name.replace(/[省市区县]$/u, '')]) if (n.length >= 2) names.add(n.normalize('NFKC').toLowerCase());
    }
    placeCache.set(docs, names);
  }
  return names;
}

/** Question words, as tokenize.ts cuts them off the query. */
const QUESTION = /哪一个|哪些|哪个|哪里|哪儿|哪类|哪种|哪家|哪|什么样|什么|由谁|谁|如何|怎么样|怎么|怎样|多少|是否|能否|可否|有没有|吗|呢/gu;

/** Is the single character c written right before or after a question word in the query? */
function besideQuestion(query: string, c: string): boolean {
  const n = query.normalize('NFKC').toLowerCase();
  for (const m of n.matchAll(QUESTION)) {
    if (n[m.index - 1] === c || n[m.index + m[0].length] === c) return true;
  }
  return false;
}

/** Is the character run a standalone piece of the query (the whole query, or between spaces/punctuation)? */
function standalone(query: string, concept: string): boolean {
  return query
    .normalize('NFKC')
    .toLowerCase()
    .split(/[\s\p{P}\p{S}]+/u)
    .includes(concept);
}

export interface QueryConcepts {
  concepts: ConceptInfo[];
  /** Topic concepts the corpus never uses, in any form the query brings (珠宝 of 珠宝鉴定). */
  unknown: string[];
  /**
   * Share of the query's topic concepts that are unknown, by count: one whose sub-word the corpus uses,
   * or that only pivot neighbours stand for, counts half.
   */
  unknownShare: number;
}

/** Roles, knowledge and weights of the query's concepts. */
export function describeConcepts(
  bm25: Bm25Index,
  docs: Map<string, DocumentMeta>,
  q: string,
  analyzed: AnalyzedQuery,
  p: RelevanceParams = DEFAULT_RELEVANCE,
): QueryConcepts {
  const places = placeNames(docs);
  const n = analyzed.concepts.length;
  // A concept no term points to was merged into another (燃料电池汽车 makes 汽车 part of 燃料电池;
  // 研发 of 新型研发机构研发人员 belongs to 新型研发机构): it is not counted on its own.
  const live = new Array<boolean>(n).fill(false);
  const known = new Array<boolean>(n).fill(false);
  const bestIdf = new Array<number>(n).fill(0);
  /** Unknown as a whole, but a typed sub-word of it is a corpus word (外国人 ← 外国): half unknown. */
  const partly = new Array<boolean>(n).fill(false);
  /** Known through its own word, the thesaurus or a translation; known through pivot neighbours only counts half (广场 → 平方). */
  const surely = new Array<boolean>(n).fill(false);
  for (const t of analyzed.terms as Term[]) {
    const g = t.group ?? -1;
    if (g < 0 || g >= n) continue;
    live[g] = true;
    const id = bm25.idFor(t);
    if (id < 0) continue;
    if (stands(t, analyzed.concepts[g], analyzed.expansions)) {
      known[g] = true;
      bestIdf[g] = Math.max(bestIdf[g], bm25.idfId(id));
      if (t.source !== 'pivot') surely[g] = true;
    } else if (t.space === 'w' && !t.expansion && !t.source && [...t.term].length >= 2) partly[g] = true;
  }
  // A single character that the thesaurus or the pivot expands as a whole (拉 of 拉黑 → 失信) is a word.
  const expanded = new Array<boolean>(n).fill(false);
  for (const t of analyzed.terms) if (t.expansion && t.head && t.group !== undefined && t.group >= 0 && t.group < n) expanded[t.group] = true;
  const roles: ConceptRole[] = analyzed.concepts.map((c, i) => {
    if (places.has(c)) return 'place';
    if (REQUEST.has(c)) return 'request';
    if ([...c].length === 1 && /\p{Script=Han}/u.test(c) && !expanded[i] && !standalone(q, c)) return 'fragment';
    return 'topic';
  });
  // A query of request words only (申报要求) is about them; of places only (西宁), about the place.
  for (const from of ['request', 'place', 'fragment'] as ConceptRole[]) {
    if (roles.some((r, i) => live[i] && r === 'topic')) break;
    roles.forEach((r, i) => (roles[i] = r === from ? 'topic' : r));
  }
  const concepts = analyzed.concepts.map((text, i): ConceptInfo => ({
    text,
    role: roles[i],
    live: live[i],
    known: known[i],
    idf: known[i] ? bestIdf[i] : 0,
    besideQuestion: roles[i] === 'fragment' && besideQuestion(q, text),
  }));
  const topics = concepts.map((c, i) => i).filter((i) => live[i] && roles[i] === 'topic');
  const unknown = topics.filter((i) => !known[i]);
  const pivotOnly = topics.filter((i) => known[i] && !surely[i]);
  const share = unknown.reduce((s, i) => s + (partly[i] ? 0.5 : 1), 0) + 0.5 * pivotOnly.length;
  return { concepts, unknown: unknown.map((i) => concepts[i].text), unknownShare: topics.length ? share / topics.length : 1 };
}

/** Weights of the concepts in a clause's coverage: idf × role factor; unknown ones at unknownWeight × the known topics' mean. */
export function conceptWeights(described: QueryConcepts, p: RelevanceParams = DEFAULT_RELEVANCE): number[] {
  const scale = { topic: 1, request: p.requestWeight, place: p.placeWeight, fragment: p.fragmentWeight };
  const knownTopics = described.concepts.filter((c) => c.live && c.known && c.role === 'topic');
  const mean = knownTopics.length ? knownTopics.reduce((s, c) => s + c.idf, 0) / knownTopics.length : 1;
  return described.concepts.map((c) => (!c.live ? 0 : (c.known ? c.idf : p.unknownWeight * mean) * scale[c.role]));
}

/** A query term as query-terms.ts builds it (source: where a term that was not typed came from). */
type Term = QueryTerm & { source?: string };

/**
 * Does the term stand for its whole concept? The concept's own word (or, for a two-character concept,
 * its bigram), a whole translation of an English phrase, or a whole expansion word that the thesaurus
 * or the pivot gives for the whole concept (head): 医院 → 医疗机构 found inside 宠物医院 expands a part
 * of the concept only.
 */
function stands(t: Term, concept: string, expansions: string[]): boolean {
  if (t.term === concept) return true;
  if (!t.head) return false;
  if (t.source === 'translation') return t.space === 'w';
  return !!t.expansion && (t.space === 'w' || expansions.includes(t.term));
}

/** Credit a term earns its concept when a clause contains it: whole or part, typed (or translated) or expanded. */
function termCredit(t: Term, concept: string, expansions: string[], p: RelevanceParams): number {
  const base = t.source === 'pivot' ? p.pivotCredit : t.expansion ? p.expansionCredit : 1;
  return stands(t, concept, expansions) ? base : base * p.partialCredit;
}

/** How a clause meets each concept: 1 full, expansionCredit, partialCredit, 0; and where. */
export interface ClauseMatch {
  /** Per concept: credit in [0, 1]. */
  credit: number[];
  /** Per concept: met in the clause's own text or section path (not only its document's title). */
  inClause: boolean[];
  coverage: number;
  /** A known topic concept met in the clause itself. */
  anchored: boolean;
  /** Anchored by a typed word, its synonym or translation (not only by a pivot neighbour). */
  typedAnchor: boolean;
}

/** A clause's text and section path as matching reads them, with the mask of their characters. */
interface ClauseText {
  text: string;
  mask: Uint32Array;
}

/** Clause texts of one index's records by record index, built on first need (one array per keyword index). */
const clauseTexts = new WeakMap<Bm25Index, (ClauseText | undefined)[]>();

function clauseTextsOf(bm25: Bm25Index): (ClauseText | undefined)[] {
  let a = clauseTexts.get(bm25);
  if (!a) clauseTexts.set(bm25, (a = new Array<ClauseText | undefined>(bm25.size)));
  return a;
}

function clauseText(r: KbRecord): ClauseText {
  const text = `${r.norm}\u0000${[...r.section, r.zhuanlan?.title ?? ''].join(' ')}`.normalize('NFKC').toLowerCase();
  return { text, mask: charMask(text) };
}

/** Number of code points of s (what [...s].length counts). */
function codePoints(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++, n++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) i++;
    }
  }
  return n;
}

/** A query term as a clause is checked against it, worked out once per query (prepareMatch). */
interface PlannedTerm {
  term: string;
  space: 'w' | 'b';
  /** Its id in the index (Bm25Index.termId). */
  id: number;
  group: number;
  credit: number;
  /** Two or more characters: found by substring; a lone character only as a word of the index. */
  long: boolean;
  pivot: boolean;
  /** Whether a match through this term may anchor the clause. */
  strong: boolean;
}

interface MatchPlan {
  terms: PlannedTerm[];
  /** The terms' character masks (char-mask.ts), in the order of terms: a clause whose mask does not cover one lacks it. */
  masks: TermMasks;
  weights: number[];
  /** The index's clause texts by record index (filled as clauses are checked). */
  texts: (ClauseText | undefined)[];
}

const plans = new WeakMap<QueryConcepts, { p: RelevanceParams; plan: MatchPlan }>();

/** The query's terms with their credit, strongest first, and the concepts' weights: the same for every clause. */
function prepareMatch(bm25: Bm25Index, analyzed: AnalyzedQuery, described: QueryConcepts, p: RelevanceParams): MatchPlan {
  const cached = plans.get(described);
  if (cached && cached.p === p) return cached.plan;
  const n = analyzed.concepts.length;
  const terms: PlannedTerm[] = [];
  for (const t of analyzed.terms as Term[]) {
    const g = t.group ?? -1;
    if (g < 0 || g >= n) continue;
    // A term no record can contain is skipped: an unindexed bigram, or a word with one (不良信用 is no
    // index word, but all its bigrams are, so it may still be found inside 无不良信用记录).
    const id = bm25.idFor(t);
    if (t.space === 'b' ? id < 0 : id < 0 && hanBigrams(t.term).some((b) => bm25.df('b', b) === 0)) continue;
    const credit = termCredit(t, analyzed.concepts[g], analyzed.expansions, p);
    const pivot = t.source === 'pivot';
    // A part anchors only when the user typed it (熔盐 of 钍基熔盐堆), never a piece of an expansion (电池 of 储能电池).
    const strong = pivot
      ? p.pivotAnchors && stands(t, analyzed.concepts[g], analyzed.expansions)
      : credit >= Math.min(1, p.expansionCredit) || (!t.expansion && bm25.idfId(id) >= p.partialAnchorIdf);
    terms.push({ term: t.term, space: t.space, id, group: g, credit, long: codePoints(t.term) >= 2, pivot, strong });
  }
  // Strongest credit first (stable): the first term found for a concept is the one that counts.
  terms.sort((x, y) => y.credit - x.credit);
  const plan = { terms, masks: new TermMasks(terms.map((t) => t.term)), weights: conceptWeights(described, p), texts: clauseTextsOf(bm25) };
  plans.set(described, { p, plan });
  return plan;
}

const WORDY = 1;
const STRONG = 2;
const TYPED = 4;
/** matchClause's per-concept scratch (matching is synchronous; each call leaves it zeroed). */
let how = new Uint8Array(64);

export function matchClause(
  bm25: Bm25Index,
  record: KbRecord,
  index: number,
  analyzed: AnalyzedQuery,
  described: QueryConcepts,
  p: RelevanceParams = DEFAULT_RELEVANCE,
): ClauseMatch {
  const n = analyzed.concepts.length;
  const { terms, masks: termMasks, weights, texts } = prepareMatch(bm25, analyzed, described, p);
  const credit = new Array<number>(n).fill(0);
  const inClause = new Array<boolean>(n).fill(false);
  // Per concept (scratch, cleared below): bit 1 the matching term is a word of two or more characters
  // (not a lone character), bit 2 the match may anchor (whole, or a specific enough part), bit 4 the
  // anchoring match is not a pivot neighbour.
  if (how.length < n) how = new Uint8Array(n * 2);
  const concepts = described.concepts;
  const { text, mask } = index >= 0 && index < texts.length ? (texts[index] ??= clauseText(record)) : clauseText(record);
  for (let j = 0; j < terms.length; j++) {
    const t = terms[j];
    const g = t.group;
    if (t.credit <= credit[g]) continue;
    // A word of two or more characters counts where the clause says it (text or section path, 不良信用
    // inside 无不良信用记录 too); a lone character only as a word of the index (氢 of 副产氢, not 氢 of 氢能).
    const here = termMasks.mayContain(mask, j) && text.includes(t.term) && (t.long || bm25.hasId(t.id, index));
    // Places and request words may also be met by the document's title or jurisdiction.
    if (!here && (concepts[g].role === 'topic' || !bm25.hasId(t.id, index))) continue;
    credit[g] = t.credit;
    inClause[g] = here;
    how[g] = (t.long ? WORDY : 0) | (t.strong ? STRONG : 0) | (t.pivot ? 0 : TYPED);
  }
  let got = 0;
  let total = 0;
  let anchored = false;
  let typedAnchor = false;
  for (let g = 0; g < n; g++) {
    const info = concepts[g];
    total += weights[g];
    got += weights[g] * credit[g];
    // Anchors: topics the corpus knows, met in the clause itself; through a lone character only when
    // that character is the concept itself (氢), not a part of it.
    const h = how[g];
    how[g] = 0;
    if (info.role === 'topic' && info.known && info.idf >= p.anchorIdf && inClause[g] && h & STRONG && (h & WORDY || credit[g] >= 1)) {
      anchored = true;
      if (h & TYPED) typedAnchor = true;
    }
  }
  return { credit, inClause, coverage: total > 0 ? got / total : 0, anchored, typedAnchor };
}

/** Is the query about something the corpus lacks (珠宝鉴定, 足球青训)? Then no clause is relevant. */
export function offCorpus(described: QueryConcepts, p: RelevanceParams = DEFAULT_RELEVANCE): boolean {
  let topics = 0;
  for (let i = 0; i < described.concepts.length; i++) if (described.concepts[i].live && described.concepts[i].role === 'topic') topics++;
  const u = described.unknownShare;
  return u >= (topics <= p.shortQuery ? p.maxUnknown : p.maxUnknownLong);
}

/** Where the clause stands on the vector side: its rank among the neighbours and its cosine (best: the list's best). */
export interface VectorEvidence {
  rank: number;
  cosine: number;
  best: number;
}

/** The relevance decision for one clause. */
export function isRelevant(m: ClauseMatch, described: QueryConcepts, p: RelevanceParams = DEFAULT_RELEVANCE, vec?: VectorEvidence): boolean {
  if (offCorpus(described, p)) return false;
  const anchored = described.unknownShare >= p.typedAnchorFrom ? m.typedAnchor : m.anchored;
  if (anchored && m.coverage >= p.minCoverage) return true;
  return !!vec && vec.rank < p.vectorTop && vec.cosine >= p.vectorRatio * vec.best;
}
