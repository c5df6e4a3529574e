// Every endpoint and every error path of the HTTP API, through fastify.inject on the real corpus.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { KbRecord, KnowledgeBase, SearchHit, SearchResponse } from '../server/kb/types.ts';
import { buildApp } from '../server/app.ts';
import type { OutlineNode } from '../server/routes/documents.ts';
import { buildFixture, expectErrorShape, HASHED_ASSET, INDEX_HTML, ROOT, SECRET, type Fixture } from './api-fixture.ts';
import { planCacheFromEnv } from '../server/kb/query/plan.ts';

let fx: Fixture;
let app: FastifyInstance;
let kb: KnowledgeBase;

beforeAll(async () => {
  fx = await buildFixture();
  app = fx.app;
  kb = fx.kb;
});
afterAll(async () => {
  await fx?.close();
});

async function get(url: string, headers: Record<string, string> = {}) {
  const res = await app.inject({ method: 'GET', url, headers });
  return { status: res.statusCode, headers: res.headers, text: res.body, json: () => JSON.parse(res.body) };
}

/** GET that must fail with the given status and the { error, message } shape. */
async function expectError(url: string, status: number): Promise<{ error: string; message: string }> {
  const res = await get(url);
  expect(res.status, `${url} → ${res.text}`).toBe(status);
  expect(res.headers['content-type']).toMatch(/^application\/json/);
  return expectErrorShape(res.json());
}

const enc = encodeURIComponent;
const JURISDICTIONS = ['甘肃省', '兰州市', '兰州新区', '城关区', '西宁市'];

describe('GET /api/health', () => {
  it('reports status, build, counts, embedder and version', async () => {
    const res = await get('/api/health');
    expect(res.status).toBe(200);
    const body = res.json();
    expect(body.status).toBe('ok');
    expect(body.reasons).toEqual([]);
    expect(body.skipped).toEqual([]);
    expect(body.version).toMatch(/^\d+\.\d+\.\d+/);
    expect(body.index.builtAt).toBe(kb.info.builtAt);
    expect(Number.isNaN(Date.parse(body.index.builtAt))).toBe(false);
    expect(body.index.buildId).toBe(kb.info.buildId);
    expect(body.index.corpusHash).toBe(kb.info.corpusHash);
    expect(body.counts.documents).toBe(5);
    expect(body.counts.records).toBe(kb.records.length);
    const sum = Object.values(body.counts.byKind as Record<string, number>).reduce((a, b) => a + b, 0);
    expect(sum).toBe(kb.records.length);
    expect(body.embedder.id).toBe(kb.info.embedderId);
    expect(body.embedder.id).toMatch(/lsa/i);
    expect(body.embedder.dim).toBeGreaterThan(0);
  });

  it('reports the query plans kept: a query asked again is a hit, a new one a miss', async () => {
    const plans = async () => (await get('/api/health')).json().plans as { kept: number; capacity: number; hits: number; misses: number };
    const before = await plans();
    expect(before.capacity).toBe(planCacheFromEnv());
    const q = '健康检查专用的查询计划';
    expect((await get(`/api/search?q=${enc(q)}&mode=keyword`)).status).toBe(200);
    const first = await plans();
    expect(first.misses).toBe(before.misses + 1);
    expect(first.hits).toBe(before.hits);
    expect(first.kept).toBe(Math.min(first.capacity, before.kept + 1));
    // The same words in another mode and with a filter: one plan serves them.
    expect((await get(`/api/search?q=${enc(q)}&mode=hybrid&jurisdiction=${enc('兰州市')}`)).status).toBe(200);
    const again = await plans();
    expect(again.hits).toBe(first.hits + 1);
    expect(again.misses).toBe(first.misses);
  });
});

describe('GET /api/search', () => {
  it('returns the library result unchanged: no field dropped by the response schema', async () => {
    for (const mode of ['keyword', 'vector', 'hybrid'] as const) {
      const q = '氢能 储能';
      const res = await get(`/api/search?q=${enc(q)}&mode=${mode}&k=20`);
      expect(res.status).toBe(200);
      const body = res.json() as SearchResponse;
      const direct = JSON.parse(JSON.stringify(await kb.search({ q, mode, k: 20 }))) as SearchResponse;
      expect(body.mode).toBe(mode);
      expect(body.embedder).toBe(direct.embedder);
      expect(body.tokens).toEqual(direct.tokens);
      expect(body.hits).toEqual(direct.hits);
      expect(typeof body.took_ms).toBe('number');
    }
  });

  it('keeps scores, highlights, zhuanlan and flags on hits', async () => {
    // 专栏 items of the provincial plan carry zhuanlan; pick a query that finds one.
    const withZl = kb.records.find((r) => r.zhuanlan && r.kind === 'zhuanlan_item' && r.text.length > 6)!;
    expect(withZl?.kind).toBe('zhuanlan_item');
    const res = await get(`/api/search?q=${enc(withZl.text.slice(0, 40))}&mode=keyword&k=50`);
    expect(res.status).toBe(200);
    const hits = res.json().hits as SearchHit[];
    const hit = hits.find((h) => h.id === withZl.id);
    expect(hit?.id, 'the 专栏 item is found by its own text').toBe(withZl.id);
    expect(hit!.zhuanlan).toEqual(withZl.zhuanlan);
    expect(hit!.scores.keyword).toBeGreaterThan(0);
    expect(hit!.highlights.length).toBeGreaterThan(0);
    for (const h of hit!.highlights) {
      expect(hit!.text.slice(h.start, h.end).length).toBe(h.end - h.start);
      expect(h.end).toBeGreaterThan(h.start);
    }
    // Records carry flags (003's lost decimal points, form templates…): they travel with the hit.
    const flagged = kb.records.find((r) => r.flags?.length && r.kind !== 'heading');
    expect(flagged?.flags?.length).toBeGreaterThan(0);
    const fr = await get(`/api/search?q=${enc(flagged!.text.slice(0, 40))}&mode=keyword&k=50`);
    const fh = (fr.json().hits as SearchHit[]).find((h) => h.id === flagged!.id);
    expect(fh?.flags).toEqual(flagged!.flags);
  });

  it('"氢能 储能" finds hits in at least three documents, each with doc, section and scores', async () => {
    const res = await get(`/api/search?q=${enc('氢能 储能')}&k=30`);
    expect(res.status).toBe(200);
    const body = res.json() as SearchResponse;
    expect(body.mode).toBe('hybrid');
    // Only clauses judged relevant are hits (issue 11): 27 of the 30 asked for.
    expect(body.hits.length).toBe(27);
    expect(new Set(body.hits.map((h) => h.doc.id)).size).toBeGreaterThanOrEqual(3);
    for (const h of body.hits) {
      expect(kb.byId.get(h.id)?.text).toBe(h.text);
      expect(Array.isArray(h.section)).toBe(true);
      expect(h.scores.keyword !== undefined || h.scores.vector !== undefined).toBe(true);
      expect(JURISDICTIONS).toContain(h.doc.jurisdiction);
    }
  });

  it('honours k and mode', async () => {
    const three = (await get(`/api/search?q=${enc('人工智能')}&k=3`)).json() as SearchResponse;
    expect(three.hits.length).toBe(3);
    const kw = (await get(`/api/search?q=${enc('人工智能')}&k=50&mode=keyword`)).json() as SearchResponse;
    expect(kw.mode).toBe('keyword');
    expect(kw.hits.length).toBeGreaterThan(3);
    expect(kw.hits.length).toBeLessThanOrEqual(50);
    for (const h of kw.hits) expect(h.scores.keyword).toBeGreaterThan(0);
    const vec = (await get(`/api/search?q=${enc('人工智能')}&mode=vector`)).json() as SearchResponse;
    expect(vec.mode).toBe('vector');
    expect(vec.hits).toHaveLength(10);
    for (const h of vec.hits) expect(typeof h.scores.vector).toBe('number');
  });

  it('accepts q of exactly 200 characters after trimming, and trims surrounding space', async () => {
    const q200 = '科技'.repeat(100);
    expect((await get(`/api/search?q=${enc(q200)}`)).status).toBe(200);
    expect((await get(`/api/search?q=${enc(`   ${q200}\u3000 `)}`)).status).toBe(200);
    const padded = (await get(`/api/search?q=${enc('  氢能  ')}&mode=keyword`)).json() as SearchResponse;
    const plain = (await get(`/api/search?q=${enc('氢能')}&mode=keyword`)).json() as SearchResponse;
    expect(padded.hits.map((h) => h.id)).toEqual(plain.hits.map((h) => h.id));
  });

  it('measures q in characters, not UTF-16 units: 150 and 200 emoji are accepted', async () => {
    for (const n of [150, 200]) {
      const res = await get(`/api/search?q=${enc('😀'.repeat(n))}`);
      expect(res.status, `${n} emoji`).toBe(200);
      expect(res.json().hits).toEqual([]);
    }
  });

  it('combines filters with AND: a jurisdiction never lets in a document the doc filter left out', async () => {
    const none = (await get(`/api/search?q=${enc('新材料')}&k=50&doc=xining-2024-guide&jurisdiction=${enc('兰州市')}`)).json() as SearchResponse;
    expect(none.hits).toEqual([]);
    const both = (await get(`/api/search?q=${enc('新材料')}&k=50&doc=xining-2024-guide,lanzhou-2022-guide&jurisdiction=${enc('兰州市')}`)).json() as SearchResponse;
    expect(both.hits.length).toBeGreaterThan(0);
    expect(new Set(both.hits.map((h) => h.doc.id))).toEqual(new Set(['lanzhou-2022-guide']));
    const yearAndDoc = (await get(`/api/search?q=${enc('新材料')}&k=50&doc=xining-2024-guide&year=2022`)).json() as SearchResponse;
    expect(yearAndDoc.hits).toEqual([]);
  });

  it('filters by document: repeated and comma-separated', async () => {
    const one = (await get(`/api/search?q=${enc('新材料')}&k=50&doc=lanzhou-2022-guide`)).json() as SearchResponse;
    expect(one.hits.length).toBeGreaterThan(0);
    expect(new Set(one.hits.map((h) => h.doc.id))).toEqual(new Set(['lanzhou-2022-guide']));
    const rep = (await get(`/api/search?q=${enc('新材料')}&k=50&doc=lanzhou-2022-guide&doc=xining-2024-guide`)).json();
    const comma = (await get(`/api/search?q=${enc('新材料')}&k=50&doc=lanzhou-2022-guide,xining-2024-guide`)).json();
    expect(new Set((rep.hits as SearchHit[]).map((h) => h.doc.id))).toEqual(new Set(['lanzhou-2022-guide', 'xining-2024-guide']));
    expect(comma.hits).toEqual(rep.hits);
  });

  it('filters by jurisdiction (short or full name), year and kind', async () => {
    const j = (await get(`/api/search?q=${enc('新材料')}&k=50&jurisdiction=${enc('兰州市')}`)).json() as SearchResponse;
    expect(j.hits.length).toBeGreaterThan(0);
    for (const h of j.hits) expect(h.doc.jurisdiction).toBe('兰州市');
    const full = (await get(`/api/search?q=${enc('新材料')}&k=50&jurisdiction=${enc('甘肃省兰州市')}`)).json();
    expect(full.hits).toEqual(j.hits);
    const two = (await get(`/api/search?q=${enc('新材料')}&k=50&jurisdiction=${enc('兰州市，西宁市')}`)).json() as SearchResponse;
    expect(new Set(two.hits.map((h) => h.doc.jurisdiction))).toEqual(new Set(['兰州市', '西宁市']));

    const level = (await get(`/api/search?q=${enc('新材料')}&k=50&jurisdiction=city`)).json() as SearchResponse;
    expect(level.hits.length).toBeGreaterThan(0);
    for (const h of level.hits) expect(['兰州市', '西宁市']).toContain(h.doc.jurisdiction);
    const swapped = (await get(`/api/search?q=${enc('新材料')}&k=50&jurisdiction=${enc('西宁市,兰州市')}`)).json();
    expect(swapped.hits).toEqual(two.hits);
    expect(swapped.cached).toBe(true);

    const y = (await get(`/api/search?q=${enc('新材料')}&k=50&year=2024`)).json() as SearchResponse;
    expect(y.hits.length).toBeGreaterThan(0);
    for (const h of y.hits) expect(h.doc.year).toBe(2024);
    const ys = (await get(`/api/search?q=${enc('新材料')}&k=50&year=2020,2024`)).json() as SearchResponse;
    expect(new Set(ys.hits.map((h) => h.doc.year))).toEqual(new Set([2020, 2024]));

    const k = (await get(`/api/search?q=${enc('新材料 联系人 电话')}&k=50&kind=contact&kind=table_row`)).json() as SearchResponse;
    expect(k.hits.length).toBeGreaterThan(0);
    for (const h of k.hits) expect(['contact', 'table_row']).toContain(h.kind);
    const headings = (await get(`/api/search?q=${enc('专项')}&k=20&kind=heading`)).json() as SearchResponse;
    expect(headings.hits.length).toBeGreaterThan(0);
    for (const h of headings.hits) expect(h.kind).toBe('heading');
  });

  describe('bad input → 400 { error, message }', () => {
    const cases: [string, string, RegExp][] = [
      ['missing q', '/api/search', /缺少.*q.*missing.*q/],
      ['empty q', '/api/search?q=', /q.*empty/],
      ['blank q', `/api/search?q=${enc(' \t\u3000 ')}`, /q.*empty/],
      ['only control characters', '/api/search?q=%00%01%1F%7F', /q.*empty/],
      ['q over 200 characters', `/api/search?q=${enc('科'.repeat(201))}`, /200/],
      ['q far too long', `/api/search?q=${'a'.repeat(5000)}`, /200/],
      ['repeated q', '/api/search?q=a&q=b', /q.*repeated/],
      ['k = 0', '/api/search?q=a&k=0', /k.*≥ 1/],
      ['k = 51', '/api/search?q=a&k=51', /k.*≤ 50/],
      ['k negative', '/api/search?q=a&k=-3', /k.*≥ 1/],
      ['k not a number', '/api/search?q=a&k=ten', /k.*integer/],
      ['k fractional', '/api/search?q=a&k=2.5', /k.*integer/],
      ['k empty', '/api/search?q=a&k=', /k.*integer/],
      ['repeated k', '/api/search?q=a&k=1&k=2', /k.*repeated/],
      ['unknown mode', '/api/search?q=a&mode=semantic', /mode.*keyword, vector, hybrid/],
      ['repeated mode', '/api/search?q=a&mode=keyword&mode=vector', /mode.*repeated/],
      ['unknown doc', '/api/search?q=a&doc=nope', /unknown document "nope"/],
      ['one unknown doc of two', '/api/search?q=a&doc=lanzhou-2022-guide,nope', /unknown document "nope"/],
      ['unknown jurisdiction', `/api/search?q=a&jurisdiction=${enc('北京市')}`, /unknown jurisdiction/],
      ['bad year', '/api/search?q=a&year=22', /invalid year/],
      ['year not an integer', '/api/search?q=a&year=2022.5', /invalid year "2022.5"/],
      ['201 emoji', `/api/search?q=${enc('😀'.repeat(201))}`, /too long \(at most 200 characters\)/],
      ['unknown kind', '/api/search?q=a&kind=paragraph', /invalid kind "paragraph"/],
      ['too many filter values', `/api/search?q=a&${Array.from({ length: 25 }, (_, i) => `year=${2000 + i}`).join('&')}`, /too many/],
    ];
    for (const [name, url, re] of cases) {
      it(name, async () => {
        const body = await expectError(url, 400);
        expect(body.error).toBe('bad_request');
        expect(body.message).toMatch(re);
      });
    }
  });

  it('empty filter lists mean no filter', async () => {
    const a = (await get(`/api/search?q=${enc('氢能')}&mode=keyword&doc=&jurisdiction=,&kind=`)).json();
    const b = (await get(`/api/search?q=${enc('氢能')}&mode=keyword`)).json();
    expect(a.hits).toEqual(b.hits);
  });
});

describe('GET /api/documents', () => {
  it('lists the five documents with metadata and counts', async () => {
    const res = await get('/api/documents');
    expect(res.status).toBe(200);
    const docs = res.json().documents as { id: string; title: string; jurisdiction: { name: string }; year: number; counts: { records: number; chars: number; zhuanlan: number; byKind: Record<string, number> } }[];
    expect(docs.map((d) => d.id)).toEqual([
      'chengguan-2020-call',
      'lanzhou-2022-guide',
      'xining-2024-guide',
      'gansu-14th-plan',
      'lanzhou-newarea-14th-plan',
    ]);
    expect(docs.map((d) => d.jurisdiction.name)).toEqual(['城关区', '兰州市', '西宁市', '甘肃省', '兰州新区']);
    let total = 0;
    for (const d of docs) {
      const stored = kb.documents.find((s) => s.meta.id === d.id)!;
      expect(d.title).toBe(stored.meta.title);
      expect(d.counts.chars).toBe(stored.text.length);
      expect(d.counts.records).toBe(kb.records.filter((r) => r.docId === d.id).length);
      expect(Object.values(d.counts.byKind).reduce((a, b) => a + b, 0)).toBe(d.counts.records);
      total += d.counts.records;
    }
    expect(total).toBe(kb.records.length);
    expect(docs.find((d) => d.id === 'gansu-14th-plan')!.counts.zhuanlan).toBe(32);
    expect(docs.find((d) => d.id === 'lanzhou-newarea-14th-plan')!.counts.zhuanlan).toBe(13);
  });
});

describe('GET /api/documents/:id', () => {
  it('gives metadata, the heading outline with record counts, and the 专栏 list (003: 专栏1–32)', async () => {
    const res = await get('/api/documents/gansu-14th-plan');
    expect(res.status).toBe(200);
    const body = res.json();
    expect(body.id).toBe('gansu-14th-plan');
    expect(body.docNumber).toBe('甘政办发〔2021〕90号');
    expect(body.jurisdiction.fullName).toBe('甘肃省');
    expect(body.zhuanlan.map((z: { no: string }) => z.no)).toEqual(Array.from({ length: 32 }, (_, i) => String(i + 1)));
    for (const z of body.zhuanlan as { id: string; no: string; title: string; records: number }[]) {
      expect(kb.byId.get(z.id)?.zhuanlan?.no).toBe(z.no);
      expect(z.title.length).toBeGreaterThan(0);
      expect(z.records).toBeGreaterThan(0);
    }

    const outline = body.outline as OutlineNode[];
    expect(outline.length).toBeGreaterThan(0);
    const docRecords = kb.records.filter((r) => r.docId === 'gansu-14th-plan');
    const headings = new Map(docRecords.filter((r) => r.kind === 'heading').map((r) => [r.id, r]));
    let seen = 0;
    const walk = (nodes: OutlineNode[], parent: OutlineNode | null) => {
      for (const n of nodes) {
        seen++;
        const rec = headings.get(n.id)!;
        expect(rec?.id, n.id).toBe(n.id);
        expect(n.text).toBe(rec.text);
        expect(n.section).toEqual(rec.section);
        if (parent) expect(rec.parentId).toBe(parent.id);
        // A heading's count is the non-heading records whose ancestor chain contains it.
        const under = docRecords.filter((r) => {
          if (r.kind === 'heading') return false;
          for (let p = r.parentId; p; p = kb.byId.get(p)?.parentId ?? null) if (p === n.id) return true;
          return false;
        }).length;
        expect(n.records, n.text).toBe(under);
        walk(n.children, n);
      }
    };
    walk(outline, null);
    expect(seen).toBe(headings.size);
  });

  it('lists the 13 专栏 of the new-area plan (3.1–3.4, 4.1–4.9)', async () => {
    const body = (await get('/api/documents/lanzhou-newarea-14th-plan')).json();
    expect(body.zhuanlan.map((z: { no: string }) => z.no)).toEqual([
      '3.1', '3.2', '3.3', '3.4', '4.1', '4.2', '4.3', '4.4', '4.5', '4.6', '4.7', '4.8', '4.9',
    ]);
  });

  it('unknown document → 404', async () => {
    const body = await expectError('/api/documents/no-such-doc', 404);
    expect(body.error).toBe('not_found');
    expect(body.message).toMatch(/no-such-doc/);
    await expectError(`/api/documents/${enc('__proto__')}`, 404);
    await expectError(`/api/documents/${enc('甘肃')}`, 404);
  });
});

describe('GET /api/documents/:id/text', () => {
  it('gives the cleaned text and every record with its offsets into it', async () => {
    for (const d of kb.documents) {
      const res = await get(`/api/documents/${d.meta.id}/text`);
      expect(res.status).toBe(200);
      const body = res.json() as { id: string; text: string; meta: { id: string }; records: Pick<KbRecord, 'id' | 'kind' | 'start' | 'end' | 'order' | 'flags'>[] };
      expect(body.id).toBe(d.meta.id);
      expect(body.meta.id).toBe(d.meta.id);
      expect(body.text).toBe(d.text);
      const expected = kb.records.filter((r) => r.docId === d.meta.id);
      expect(body.records.map((r) => r.id)).toEqual(expected.map((r) => r.id));
      body.records.forEach((r, i) => {
        const rec = expected[i];
        expect([r.kind, r.start, r.end, r.order]).toEqual([rec.kind, rec.start, rec.end, rec.order]);
        expect((r as { section?: string[] }).section).toEqual(rec.section);
        expect((r as { fields?: unknown }).fields).toEqual(rec.fields);
        expect(body.text.slice(r.start, r.end)).toBe(rec.text);
        expect(r.flags).toEqual(rec.flags?.length ? rec.flags : undefined);
        expect(r.start).toBeGreaterThanOrEqual(0);
        expect(r.end).toBeLessThanOrEqual(body.text.length);
      });
    }
  });

  it('unknown document → 404', async () => {
    await expectError('/api/documents/nope/text', 404);
  });
});

describe('GET /api/clauses/:id', () => {
  function middleRecord(): KbRecord {
    const doc = kb.records.filter((r) => r.docId === 'lanzhou-2022-guide');
    return doc.find((r, i) => i > 25 && r.kind !== 'heading' && r.parentId)!;
  }

  it('gives the record, its section path, parent heading and 2 records either side by default', async () => {
    const rec = middleRecord();
    const res = await get(`/api/clauses/${rec.id}`);
    expect(res.status).toBe(200);
    const body = res.json();
    expect(body.record).toEqual(JSON.parse(JSON.stringify(rec)));
    expect(body.section).toEqual(rec.section);
    expect(body.parent.id).toBe(rec.parentId);
    expect(body.parent.text).toBe(kb.byId.get(rec.parentId!)!.text);
    expect(body.doc).toMatchObject({ id: 'lanzhou-2022-guide', jurisdiction: '兰州市', year: 2022, kind: 'guide' });
    expect(body.context).toBe(2);
    const doc = kb.records.filter((r) => r.docId === rec.docId);
    const i = doc.findIndex((r) => r.id === rec.id);
    expect(body.before.map((r: KbRecord) => r.id)).toEqual(doc.slice(i - 2, i).map((r) => r.id));
    expect(body.after.map((r: KbRecord) => r.id)).toEqual(doc.slice(i + 1, i + 3).map((r) => r.id));
  });

  it('context=0 and context=20; the first record has nothing before it', async () => {
    const rec = middleRecord();
    const zero = (await get(`/api/clauses/${rec.id}?context=0`)).json();
    expect(zero.before).toEqual([]);
    expect(zero.after).toEqual([]);
    const doc = kb.records.filter((r) => r.docId === rec.docId);
    const i = doc.findIndex((r) => r.id === rec.id);
    const twenty = (await get(`/api/clauses/${rec.id}?context=20`)).json();
    expect(twenty.before.map((r: KbRecord) => r.id)).toEqual(doc.slice(Math.max(0, i - 20), i).map((r) => r.id));
    expect(twenty.after.map((r: KbRecord) => r.id)).toEqual(doc.slice(i + 1, i + 21).map((r) => r.id));
    const first = (await get(`/api/clauses/${doc[0].id}?context=3`)).json();
    expect(first.before).toEqual([]);
    expect(first.after.length).toBe(3);
    const last = (await get(`/api/clauses/${doc[doc.length - 1].id}?context=3`)).json();
    expect(last.after).toEqual([]);
  });

  it('a top-level record has a null parent', async () => {
    const top = kb.records.find((r) => r.parentId === null)!;
    const body = (await get(`/api/clauses/${top.id}`)).json();
    expect(body.parent).toBeNull();
  });

  it('bad context → 400, unknown id → 404', async () => {
    const rec = middleRecord();
    expect((await expectError(`/api/clauses/${rec.id}?context=21`, 400)).message).toMatch(/context.*≤ 20/);
    expect((await expectError(`/api/clauses/${rec.id}?context=-1`, 400)).message).toMatch(/context.*≥ 0/);
    expect((await expectError(`/api/clauses/${rec.id}?context=abc`, 400)).message).toMatch(/context.*integer/);
    expect((await expectError(`/api/clauses/${rec.id}?context=1&context=2`, 400)).message).toMatch(/context.*repeated/);
    const nf = await expectError('/api/clauses/0000000000000000', 404);
    expect(nf.error).toBe('not_found');
    await expectError(`/api/clauses/${'x'.repeat(500)}`, 404);
  });
});

describe('GET /api/compare', () => {
  it('groups the best records by jurisdiction in the fixed column order', async () => {
    const res = await get(`/api/compare?q=${enc('氢能 储能')}`);
    expect(res.status).toBe(200);
    const body = res.json();
    expect(body.q).toBe('氢能 储能');
    expect(body.groups.map((g: { jurisdiction: string }) => g.jurisdiction)).toEqual(JURISDICTIONS);
    let nonEmpty = 0;
    for (const g of body.groups as { jurisdiction: string; documents: { id: string }[]; hits: SearchHit[] }[]) {
      expect(g.hits.length).toBeLessThanOrEqual(5);
      if (g.hits.length) nonEmpty++;
      expect(g.documents.length).toBe(1);
      for (const h of g.hits) {
        expect(h.doc.jurisdiction).toBe(g.jurisdiction);
        expect(typeof (h.scores.keyword ?? h.scores.vector)).toBe('number');
        expect(Array.isArray(h.highlights)).toBe(true);
      }
      // Best first within a group.
      for (let i = 1; i < g.hits.length; i++) expect(g.hits[i - 1].score).toBeGreaterThanOrEqual(g.hits[i].score);
    }
    expect(nonEmpty).toBeGreaterThanOrEqual(3);
  });

  it('k limits records per jurisdiction; keyword mode only keeps keyword matches', async () => {
    const body = (await get(`/api/compare?q=${enc('新材料')}&k=2&mode=keyword`)).json();
    expect(body.mode).toBe('keyword');
    expect((body.groups as { hits: SearchHit[] }[]).flatMap((g) => g.hits).length).toBeGreaterThan(0);
    for (const g of body.groups as { hits: SearchHit[] }[]) {
      expect(g.hits.length).toBeLessThanOrEqual(2);
      for (const h of g.hits) expect(h.scores.keyword).toBeGreaterThan(0);
    }
  });

  it('bad input → 400', async () => {
    await expectError('/api/compare', 400);
    await expectError('/api/compare?q=', 400);
    await expectError(`/api/compare?q=${enc('a'.repeat(201))}`, 400);
    await expectError('/api/compare?q=a&k=0', 400);
    await expectError('/api/compare?q=a&k=21', 400);
    await expectError('/api/compare?q=a&k=x', 400);
    await expectError('/api/compare?q=a&mode=x', 400);
    await expectError('/api/compare?q=a&q=b', 400);
  });
});

describe('acceptance routes are mounted', () => {
  it('registers /api/acceptance, /api/facts and /api/answer', () => {
    expect(app.hasRoute({ method: 'GET', url: '/api/acceptance' })).toBe(true);
    expect(app.hasRoute({ method: 'GET', url: '/api/facts' })).toBe(true);
    expect(app.hasRoute({ method: 'GET', url: '/api/answer' })).toBe(true);
  });
});

describe('static web UI', () => {
  it('serves index.html at / with no-cache, hashed assets immutable', async () => {
    const root = await get('/');
    expect(root.status).toBe(200);
    expect(root.text).toBe(INDEX_HTML);
    expect(root.headers['cache-control']).toBe('no-cache');
    const asset = await get(`/${HASHED_ASSET}`);
    expect(asset.status).toBe(200);
    expect(asset.headers['cache-control']).toMatch(/max-age=31536000.*immutable/);
    expect(asset.headers['content-type']).toMatch(/javascript/);
  });

  it('caches only build assets for a year: not un-hashed files at the root, not files of a web root inside a folder named assets', async () => {
    const fs = await import('node:fs');
    const os = await import('node:os');
    const path = await import('node:path');
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'policykb-api-cache-'));
    try {
      const webRoot = path.join(tmp, 'assets', 'site');
      fs.mkdirSync(path.join(webRoot, 'assets'), { recursive: true });
      fs.writeFileSync(path.join(webRoot, 'index.html'), INDEX_HTML);
      fs.writeFileSync(path.join(webRoot, 'assets', 'index-AbCd1234.js'), 'console.log(1)\n');
      // Files copied from a public folder keep their names: a new build changes their content, not their URL.
      fs.writeFileSync(path.join(webRoot, 'apple-touch-icon.png'), 'png');
      fs.writeFileSync(path.join(webRoot, 'robots.txt'), 'User-agent: *\n');
      const site = await fx.makeApp({ webRoot });
      const cc = async (url: string) => {
        const res = await site.inject({ url });
        expect(res.statusCode, url).toBe(200);
        return res.headers['cache-control'];
      };
      expect(await cc('/assets/index-AbCd1234.js')).toMatch(/max-age=31536000.*immutable/);
      expect(await cc('/apple-touch-icon.png')).toBe('public, max-age=3600');
      expect(await cc('/robots.txt')).toBe('public, max-age=3600');
      expect(await cc('/')).toBe('no-cache');
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  });

  it('falls back to index.html for deep links, not for API paths or missing files', async () => {
    for (const p of ['/doc/gansu-14th-plan', '/compare?q=%E6%B0%A2', '/search?q=a&mode=keyword', '/a/b/c']) {
      const res = await get(p);
      expect(res.status, p).toBe(200);
      expect(res.text).toBe(INDEX_HTML);
      expect(res.headers['cache-control']).toBe('no-cache');
    }
    for (const p of ['/api/nope', '/api', '/api/documents/x/y/z', '/assets/missing-abcdef12.js', '/favicon.ico']) {
      const res = await get(p);
      expect(res.status, p).toBe(404);
      expect(res.headers['content-type']).toMatch(/^application\/json/);
      expectErrorShape(res.json());
    }
    const post = await app.inject({ method: 'POST', url: '/api/search?q=a', payload: {} });
    expect(post.statusCode).toBe(404);
    expectErrorShape(post.json());
  });

  it('never serves files outside the web root or dotfiles', async () => {
    for (const p of ['/../secret.txt', '/..%2fsecret.txt', '/%2e%2e/secret.txt', '/assets/..%2f..%2fsecret.txt', '/.env', '/%2e%2e/package.json', '/..%5csecret.txt']) {
      const res = await get(p);
      expect(res.status, p).toBeLessThan(500);
      expect(res.text, p).not.toContain(SECRET);
    }
  });

  it('without a built UI, non-API paths get a hint page and the API still works', async () => {
    const bare = await buildApp({ kb, webRoot: '/nonexistent/policykb-web', rateLimit: false, logger: false });
    try {
      const res = await bare.inject({ method: 'GET', url: '/' });
      expect(res.statusCode).toBe(404);
      expect(res.body).toMatch(/npm run build:web/);
      expect((await bare.inject({ method: 'GET', url: '/api/health' })).statusCode).toBe(200);
    } finally {
      await bare.close();
    }
  });
});

describe('OpenAPI', () => {
  it('serves the UI at /docs and a spec with every route and its schemas', async () => {
    const ui = await get('/docs');
    expect([200, 302]).toContain(ui.status);
    const spec = (await get('/docs/json')).json();
    expect(spec.openapi).toMatch(/^3\./);
    for (const p of ['/api/search', '/api/documents', '/api/documents/{id}', '/api/documents/{id}/text', '/api/clauses/{id}', '/api/compare', '/api/health']) {
      expect(typeof spec.paths[p]?.get?.summary, p).toBe('string');
      expect(Object.keys(spec.paths[p].get.responses), p).toContain('200');
    }
    const params = (spec.paths['/api/search'].get.parameters as { name: string }[]).map((p) => p.name);
    expect(params).toEqual(expect.arrayContaining(['q', 'k', 'mode', 'doc', 'jurisdiction', 'year', 'kind']));
  });
});

describe('CORS and rate limiting', () => {
  it('sends no CORS headers unless configured', async () => {
    const res = await get('/api/health', { origin: 'https://example.org' });
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
    const withCors = await fx.makeApp({ cors: ['https://ok.example'] });
    const ok = await withCors.inject({ method: 'GET', url: '/api/health', headers: { origin: 'https://ok.example' } });
    expect(ok.headers['access-control-allow-origin']).toBe('https://ok.example');
    const other = await withCors.inject({ method: 'GET', url: '/api/health', headers: { origin: 'https://evil.example' } });
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('limits API requests per client address with 429 { error, message }', async () => {
    const limited = await fx.makeApp({ rateLimit: { max: 3, timeWindow: '1 minute' } });
    // /api/health is exempt from the limit (test/api-validation.test.ts): the budget is spent on /api/documents.
    const hit = (ip: string, url = '/api/documents') => limited.inject({ method: 'GET', url, remoteAddress: ip });
    for (let i = 0; i < 3; i++) expect((await hit('10.0.0.1')).statusCode).toBe(200);
    const over = await hit('10.0.0.1');
    expect(over.statusCode).toBe(429);
    expect(expectErrorShape(over.json()).error).toBe('rate_limited');
    expect(over.headers['retry-after']).toMatch(/^\d+$/);
    // Another address has its own budget; static files are not limited.
    expect((await hit('10.0.0.2')).statusCode).toBe(200);
    expect((await hit('10.0.0.1', '/')).statusCode).toBe(200);
  });
});

describe('internal errors', () => {
  it('a failing search is a 500 with the generic shape and no internals', async () => {
    const broken: KnowledgeBase = {
      ...kb,
      search: async () => {
        throw new Error('boom at /secret/path/file.ts:12:34');
      },
    };
    const b = await buildApp({ kb: broken, rateLimit: false, logger: false });
    try {
      const res = await b.inject({ method: 'GET', url: '/api/search?q=a' });
      expect(res.statusCode).toBe(500);
      const body = expectErrorShape(res.json());
      expect(body.error).toBe('internal');
      expect(res.body).not.toMatch(/boom|secret|\.ts/);
    } finally {
      await b.close();
    }
  });
});

describe('search result cache', () => {
  it('answers a repeated search from the cache with the same hits', async () => {
    const url = `/api/search?q=${enc('现代种业 ')}&mode=hybrid&k=7`;
    const first = (await get(url)).json();
    const again = (await get(`/api/search?k=7&q=${enc(' 现代种业')}`)).json();
    expect(again.cached).toBe(true);
    expect(again.hits).toEqual(first.hits);
    expect(again.tokens).toEqual(first.tokens);
    const other = (await get(`/api/search?q=${enc('现代种业')}&k=6`)).json();
    expect(other.cached).toBe(false);
    expect(other.hits).toEqual(first.hits.slice(0, 6));
  });

  it('can be turned off', async () => {
    const noCache = await fx.makeApp({ searchCache: 0 });
    for (let i = 0; i < 2; i++) {
      const res = await noCache.inject({ method: 'GET', url: `/api/search?q=${enc('现代种业')}` });
      expect(res.json().cached).toBe(false);
    }
  });
});

describe('configuration from the environment', () => {
  it('has safe defaults', async () => {
    const { loadConfig } = await import('../server/config.ts');
    const c = loadConfig({});
    expect(c.port).toBe(3000);
    expect(c.host).toBe('127.0.0.1');
    expect(c.cors).toBe(false);
    expect(c.rateLimit).toEqual({ max: 300, timeWindow: '1 minute' });
    expect(c.searchCache).toBe(1000);
    expect(c.dataDir.endsWith('/data')).toBe(true);
    expect(c.webRoot.endsWith('/web/dist')).toBe(true);
  });

  it('reads PORT, HOST, CORS origins and rate limit settings, and rejects malformed values', async () => {
    const { loadConfig } = await import('../server/config.ts');
    const c = loadConfig({
      PORT: '8080',
      HOST: '0.0.0.0',
      POLICYKB_CORS_ORIGINS: 'https://a.example, https://b.example',
      POLICYKB_RATE_LIMIT_MAX: '50',
      POLICYKB_RATE_LIMIT_WINDOW: '10 seconds',
      POLICYKB_DATA: '/tmp/x-data',
    });
    expect([c.port, c.host, c.dataDir]).toEqual([8080, '0.0.0.0', '/tmp/x-data']);
    expect(c.cors).toEqual(['https://a.example', 'https://b.example']);
    expect(c.rateLimit).toEqual({ max: 50, timeWindow: '10 seconds' });
    expect(loadConfig({ POLICYKB_RATE_LIMIT: 'off' }).rateLimit).toBe(false);
    expect(() => loadConfig({ PORT: 'http' })).toThrow(/PORT/);
    expect(() => loadConfig({ PORT: '70000' })).toThrow(/PORT/);
    expect(() => loadConfig({ POLICYKB_RATE_LIMIT_MAX: '0' })).toThrow(/RATE_LIMIT_MAX/);
  });

  it('rejects a rate-limit window or log level that would fail later (every API request a 500, a stack trace at start)', async () => {
    const { loadConfig } = await import('../server/config.ts');
    for (const w of ['abc', '0', '-1 minute', '1 fortnight', 'minute']) {
      expect(() => loadConfig({ POLICYKB_RATE_LIMIT_WINDOW: w }), w).toThrow(/POLICYKB_RATE_LIMIT_WINDOW/);
    }
    for (const w of ['1 minute', '10 seconds', '30s', '2h', '60000', '1.5 hours']) {
      expect(loadConfig({ POLICYKB_RATE_LIMIT_WINDOW: w }).rateLimit, w).toEqual({ max: 300, timeWindow: w });
    }
    // With the limit off, the window is not used and not checked.
    expect(loadConfig({ POLICYKB_RATE_LIMIT: 'off', POLICYKB_RATE_LIMIT_WINDOW: 'abc' }).rateLimit).toBe(false);
    expect(() => loadConfig({ LOG_LEVEL: 'bogus' })).toThrow(/LOG_LEVEL/);
    expect(loadConfig({ LOG_LEVEL: 'warn' }).logLevel).toBe('warn');
    expect(loadConfig({ LOG_LEVEL: 'silent' }).logLevel).toBe('silent');
  });

  it('a valid window string is one the rate limiter applies (requests get 200, then 429)', async () => {
    const { loadConfig } = await import('../server/config.ts');
    const c = loadConfig({ POLICYKB_RATE_LIMIT_WINDOW: '1.5 hours', POLICYKB_RATE_LIMIT_MAX: '1' });
    const app = await fx.makeApp({ rateLimit: c.rateLimit });
    const codes = [];
    for (let i = 0; i < 2; i++) codes.push((await app.inject({ url: '/api/documents' })).statusCode);
    expect(codes).toEqual([200, 429]);
  });
});

describe('start-up index check (server/main.ts ensureIndex)', () => {
  it('keeps a current index, keeps the old index when a re-ingest fails, and fails without any index', async () => {
    const fs = await import('node:fs');
    const os = await import('node:os');
    const path = await import('node:path');
    const { pino } = await import('pino');
    const { ensureIndex } = await import('../server/main.ts');
    const { loadConfig } = await import('../server/config.ts');
    const { readIndexMeta } = await import('../server/ingest/pipeline.ts');
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'policykb-api-start-'));
    const log = pino({ enabled: false });
    try {
      // A copy of the fixture's index: built from the current corpus, so no ingest happens.
      const dataDir = path.join(tmp, 'data');
      fs.cpSync(fx.dataDir, dataDir, { recursive: true });
      const before = readIndexMeta(dataDir)!;
      await ensureIndex(loadConfig({ POLICYKB_DATA: dataDir }), log);
      expect(readIndexMeta(dataDir)!.build_id).toBe(before.build_id);

      // A changed corpus that cannot be ingested at all (a manifest that is not JSON; one bad
      // document would only be skipped): the previous index stays and is served.
      const corpus = path.join(tmp, 'corpus');
      fs.cpSync(path.join(ROOT, 'corpus'), corpus, { recursive: true });
      fs.writeFileSync(path.join(corpus, 'manifest.json'), '{ "documents": [');
      await ensureIndex(loadConfig({ POLICYKB_DATA: dataDir, POLICYKB_CORPUS: corpus }), log);
      expect(readIndexMeta(dataDir)!.build_id).toBe(before.build_id);

      // An index written by an older schema is rebuilt even though the corpus is unchanged.
      const Database = (await import('better-sqlite3')).default;
      const old = new Database(path.join(dataDir, 'kb.sqlite'));
      old.prepare("UPDATE meta SET value = '0' WHERE key = 'schema_version'").run();
      old.close();
      await ensureIndex(loadConfig({ POLICYKB_DATA: dataDir }), log);
      const rebuilt = readIndexMeta(dataDir)!;
      expect(rebuilt.build_id).not.toBe(before.build_id);
      expect(Number(rebuilt.schema_version)).toBeGreaterThan(0);

      // A corpus folder without any document (emptied, mistyped POLICYKB_CORPUS) is a failed re-ingest
      // too: the index that exists is served, start-up does not end in a stack trace.
      const noManifest = path.join(tmp, 'no-manifest');
      fs.mkdirSync(noManifest);
      const current = readIndexMeta(dataDir)!;
      await ensureIndex(loadConfig({ POLICYKB_DATA: dataDir, POLICYKB_CORPUS: noManifest }), log);
      expect(readIndexMeta(dataDir)!.build_id).toBe(current.build_id);

      // … but with no index at all there is nothing to serve.
      const empty = path.join(tmp, 'empty');
      fs.mkdirSync(empty);
      await expect(ensureIndex(loadConfig({ POLICYKB_DATA: empty, POLICYKB_CORPUS: corpus }), log)).rejects.toThrow(/manifest\.json: invalid JSON/);
      await expect(ensureIndex(loadConfig({ POLICYKB_DATA: empty, POLICYKB_CORPUS: noManifest }), log)).rejects.toThrow(/no documents found/);
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  });
});

describe('staleReason (server/main.ts): when npm start rebuilds the index', () => {
  it('names each reason, and accepts a current index under auto', async () => {
    const { staleReason } = await import('../server/main.ts');
    const { embedOptionsFromEnv } = await import('../server/kb/embed/options.ts');
    const { SCHEMA_VERSION } = await import('../server/kb/schema.ts');
    const lsaMeta = { corpus_hash: 'h', schema_version: String(SCHEMA_VERSION), embedder_id: 'lsa-corpus@abc' };
    const auto = embedOptionsFromEnv({});
    expect(staleReason(null, 'h', auto)).toBe('no index yet');
    expect(staleReason(lsaMeta, 'other', auto)).toMatch(/corpus changed/);
    expect(staleReason({ ...lsaMeta, schema_version: '0' }, 'h', auto)).toMatch(/schema/);
    expect(staleReason(lsaMeta, 'h', auto)).toBeNull();
    expect(staleReason(lsaMeta, 'h', embedOptionsFromEnv({ POLICYKB_EMBEDDER: 'lsa' }))).toBeNull();
    expect(staleReason(lsaMeta, 'h', embedOptionsFromEnv({ POLICYKB_EMBEDDER: 'transformers' }))).toMatch(/bge-small-zh/);
    const bge = { ...lsaMeta, embedder_id: 'transformers:Xenova/bge-small-zh-v1.5:q8' };
    expect(staleReason(bge, 'h', embedOptionsFromEnv({ POLICYKB_EMBEDDER: 'transformers' }))).toBeNull();
    expect(staleReason(bge, 'h', embedOptionsFromEnv({ POLICYKB_EMBEDDER: 'transformers', POLICYKB_MODEL: 'Xenova/other' }))).toMatch(/Xenova\/other/);
    expect(staleReason(bge, 'h', embedOptionsFromEnv({ POLICYKB_EMBEDDER: 'lsa' }))).toMatch(/corpus-trained/);
  });
});
