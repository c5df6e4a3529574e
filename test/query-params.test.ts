// Query-string validation of the search routes (server/routes/query.ts), without a server: q is measured
// in characters (code points), never UTF-16 units; lone surrogates and controls are stripped; filter lists
// are split, deduplicated and checked against the knowledge base; every refusal is a 400 naming the value.
import { describe, expect, it } from 'vitest';
import { ApiError } from '../server/errors.ts';
import type { KnowledgeBase } from '../server/kb/types.ts';
import type { FastifyRequest } from 'fastify';
import {
  cleanQuery, FILTER_MAX_VALUES, filterQuerySchema, parseFilters, parseQ, parseSearchQuery, qQuerySchema, Q_MAX, rangeError,
  rejectMalformedUrl, splitList, strictIntegers,
} from '../server/routes/query.ts';
import { COMPARE_K, SEARCH_K } from '../server/routes/schemas.ts';

/** The two things parseFilters reads: document ids and jurisdictions. */
const doc = (id: string, name: string, fullName: string, level: string) => ({ meta: { id, jurisdiction: { name, fullName, level } } });
/**
 * A fresh stand-in knowledge base on every use: parseFilters caches its lookups per knowledge base, and
 * each test should build them itself (the mutation run attributes that code to the tests that run it).
 */
const kb = () => ({
  documents: [
    doc('lanzhou-2022-guide', '兰州市', '甘肃省兰州市', 'city'),
    doc('xining-2024-guide', '西宁市', '青海省西宁市', 'city'),
    doc('gansu-14th-plan', '甘肃省', '甘肃省', 'province'),
  ],
}) as unknown as KnowledgeBase;

/** The ApiError thrown by fn: status 400, code bad_request; returns its message. */
function refusal(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(ApiError);
    expect([(err as ApiError).statusCode, (err as ApiError).code]).toEqual([400, 'bad_request']);
    return (err as Error).message;
  }
  throw new Error('accepted');
}

describe('cleanQuery', () => {
  it('turns lone surrogates and control or invisible format characters into spaces, keeps pairs, trims', () => {
    expect(cleanQuery('氢\ud800能')).toBe('氢 能');
    expect(cleanQuery('氢\udc00能')).toBe('氢 能');
    expect(cleanQuery('\udfff\ud800')).toBe('');
    expect(cleanQuery('a\ud800b\udc00c')).toBe('a b c');
    expect(cleanQuery('😀𠀀')).toBe('😀𠀀');
    expect(cleanQuery('\ud83d\ude00\ud83d')).toBe('😀');
    expect(cleanQuery('氢\u0000能\u001f储\u007f能\u0085')).toBe('氢 能 储 能');
    expect(cleanQuery('\u200b氢\u200d能\u202e\u2060\ufeff')).toBe('氢 能');
    expect(cleanQuery('\u2028氢\u2029能\ufff9\ufffb')).toBe('氢 能');
    expect(cleanQuery('  \u3000氢能\t\n')).toBe('氢能');
    // characters just outside the stripped ranges stay
    expect(cleanQuery('\u00a0x\u200a\u2027\u202f\u205f\u2065\ufffc')).toBe('x\u200a\u2027\u202f\u205f\u2065\ufffc');
  });
});

describe('parseQ', () => {
  it('accepts up to 200 characters counted as code points: 150 or 200 emoji (300 or 400 UTF-16 units)', () => {
    expect(Q_MAX).toBe(200);
    expect(parseQ('😀'.repeat(150))).toBe('😀'.repeat(150));
    expect(parseQ('😀'.repeat(200))).toBe('😀'.repeat(200));
    expect(parseQ('𠀀'.repeat(200))).toBe('𠀀'.repeat(200));
    expect(parseQ('科'.repeat(200))).toBe('科'.repeat(200));
    expect(parseQ(`  ${'科'.repeat(200)}\u3000`)).toBe('科'.repeat(200));
  });

  it('refuses 201 characters, whatever their width', () => {
    const tooLong = '参数 q 过长（最多 200 个字符） / parameter q is too long (at most 200 characters)';
    expect(refusal(() => parseQ('😀'.repeat(201)))).toBe(tooLong);
    expect(refusal(() => parseQ('科'.repeat(201)))).toBe(tooLong);
    expect(refusal(() => parseQ('a'.repeat(5000)))).toBe(tooLong);
  });

  it('strips lone surrogates before measuring and searching', () => {
    expect(parseQ('氢\ud800能')).toBe('氢 能');
    expect(parseQ(`${'科'.repeat(199)}\ud800`)).toBe('科'.repeat(199));
  });

  it('refuses a missing or empty q', () => {
    for (const raw of [undefined, null, 3, ['a']]) expect(refusal(() => parseQ(raw)), String(raw)).toBe('缺少参数 q / missing parameter q');
    for (const raw of ['', '   ', '\u0000\u0001', '\ud800', '\u200b\ufeff']) {
      expect(refusal(() => parseQ(raw)), JSON.stringify(raw)).toBe('参数 q 不能为空 / parameter q must not be empty');
    }
  });
});

describe('splitList', () => {
  it('splits repeated values at ASCII, full-width and enumeration commas; trims, dedupes, drops empties', () => {
    expect(splitList(['a,b', 'c，d', 'e、f', ' a ', '', ',,'], 'doc')).toEqual(['a', 'b', 'c', 'd', 'e', 'f']);
    expect(splitList('x', 'doc')).toEqual(['x']);
    expect(splitList(undefined, 'doc')).toEqual([]);
    expect(splitList(2022, 'year')).toEqual(['2022']);
    expect(splitList(['a\ud800', 'a'], 'doc')).toEqual(['a']);
  });

  it('at most 20 distinct values', () => {
    expect(FILTER_MAX_VALUES).toBe(20);
    const twenty = Array.from({ length: 20 }, (_, i) => `v${i}`);
    expect(splitList([...twenty, 'v0', 'v1'], 'doc')).toHaveLength(20);
    expect(refusal(() => splitList([...twenty, 'v20'], 'kind'))).toBe('参数 kind 的取值过多（最多 20 个） / too many values for parameter kind (at most 20)');
  });
});

describe('parseFilters', () => {
  it('lookups are built once per knowledge base and reused', () => {
    const base = kb();
    expect(parseFilters({ jurisdiction: '兰州市' }, base)).toEqual({ jurisdiction: ['兰州市'] });
    (base.documents as unknown[]).length = 0; // a second call does not look at the documents again
    expect(parseFilters({ jurisdiction: '兰州市', doc: 'gansu-14th-plan' }, base)).toEqual({ doc: ['gansu-14th-plan'], jurisdiction: ['兰州市'] });
  });

  it('each filter parameter names itself when it has too many values', () => {
    const many = Array.from({ length: 21 }, (_, i) => `v${i}`);
    for (const name of ['doc', 'jurisdiction', 'year', 'kind', 'doctype'] as const) {
      expect(refusal(() => parseFilters({ [name]: many }, kb())), name).toBe(`参数 ${name} 的取值过多（最多 20 个） / too many values for parameter ${name} (at most 20)`);
    }
  });

  it('no filter values: undefined', () => {
    expect(parseFilters({}, kb())).toBeUndefined();
    expect(parseFilters({ doc: '', jurisdiction: [','], year: [], kind: ' ' }, kb())).toBeUndefined();
  });

  it('documents must exist', () => {
    expect(parseFilters({ doc: 'xining-2024-guide,lanzhou-2022-guide' }, kb())).toEqual({ doc: ['lanzhou-2022-guide', 'xining-2024-guide'] });
    expect(refusal(() => parseFilters({ doc: ['lanzhou-2022-guide', 'nope'] }, kb()))).toBe(
      '未知的文档 "nope"，可选：lanzhou-2022-guide, xining-2024-guide, gansu-14th-plan / unknown document "nope"; known: lanzhou-2022-guide, xining-2024-guide, gansu-14th-plan',
    );
  });

  it('jurisdictions by short name, full name (→ short name), level, or their NFKC form', () => {
    expect(parseFilters({ jurisdiction: '甘肃省兰州市' }, kb())).toEqual({ jurisdiction: ['兰州市'] });
    expect(parseFilters({ jurisdiction: ['西宁市', '兰州市', '甘肃省兰州市'] }, kb())).toEqual({ jurisdiction: ['兰州市', '西宁市'] });
    expect(parseFilters({ jurisdiction: 'ｃｉｔｙ' }, kb())).toEqual({ jurisdiction: ['city'] });
    expect(parseFilters({ jurisdiction: 'province' }, kb())).toEqual({ jurisdiction: ['province'] });
    expect(refusal(() => parseFilters({ jurisdiction: '北京市' }, kb()))).toBe(
      '未知的地区 "北京市"，可选：兰州市, city, 西宁市, 甘肃省, province / unknown jurisdiction "北京市"; known: 兰州市, city, 西宁市, 甘肃省, province',
    );
  });

  it('a document and a jurisdiction are both kept (the search applies them together)', () => {
    expect(parseFilters({ doc: 'xining-2024-guide', jurisdiction: '兰州市' }, kb())).toEqual({ doc: ['xining-2024-guide'], jurisdiction: ['兰州市'] });
  });

  it('years are exactly four digits (full-width digits allowed): no fractions, signs or exponents', () => {
    expect(parseFilters({ year: '2024,2020' }, kb())).toEqual({ year: [2020, 2024] });
    expect(parseFilters({ year: '２０２２' }, kb())).toEqual({ year: [2022] });
    for (const y of ['2022.5', '2022.0', '22', '20222', '-2022', '+2022', '2e3', '0x7E6', 'abcd']) {
      expect(refusal(() => parseFilters({ year: y }, kb())), y).toBe(`年份 "${y}" 无效（应为四位数字） / invalid year "${y}" (expected four digits)`);
    }
  });

  it('kinds are the record kinds', () => {
    expect(parseFilters({ kind: 'table_row,clause' }, kb())).toEqual({ kind: ['clause', 'table_row'] });
    expect(refusal(() => parseFilters({ kind: 'paragraph' }, kb()))).toBe(
      '记录类型 "paragraph" 无效，可选：heading, clause, zhuanlan_item, table_row, contact, form_field / invalid kind "paragraph"; allowed: heading, clause, zhuanlan_item, table_row, contact, form_field',
    );
  });

  it('document kinds (doctype) are the kinds the index knows', () => {
    expect(parseFilters({ doctype: 'plan,call' }, kb())).toEqual({ docKind: ['call', 'plan'] });
    expect(parseFilters({ doctype: ['guide', 'guide', 'notice'] }, kb())).toEqual({ docKind: ['guide', 'notice'] });
    expect(refusal(() => parseFilters({ doctype: 'law' }, kb()))).toBe(
      '文件类型 "law" 无效，可选：call, guide, plan, measures, regulation, policy, notice / invalid doctype "law"; allowed: call, guide, plan, measures, regulation, policy, notice',
    );
  });

  it('all filters at once, each list in a canonical order (equal filters share a cache key)', () => {
    expect(parseFilters({ doc: 'xining-2024-guide,lanzhou-2022-guide', jurisdiction: '西宁市,兰州市', year: '2024,2022', kind: 'table_row,clause', doctype: 'plan,call' }, kb())).toEqual({
      doc: ['lanzhou-2022-guide', 'xining-2024-guide'], jurisdiction: ['兰州市', '西宁市'], year: [2022, 2024], kind: ['clause', 'table_row'], docKind: ['call', 'plan'],
    });
  });

  it('long values are cut to 40 characters in the message', () => {
    const long = 'x'.repeat(41);
    expect(refusal(() => parseFilters({ doc: long }, kb()))).toMatch(new RegExp(`^未知的文档 "${'x'.repeat(40)}…"，`));
    expect(refusal(() => parseFilters({ doc: 'x'.repeat(40) }, kb()))).toMatch(new RegExp(`^未知的文档 "${'x'.repeat(40)}"，`));
  });
});

describe('parseSearchQuery', () => {
  const defaults = { k: 10, mode: 'hybrid' as const };
  it('fills k and mode from the defaults and attaches filters only when given', () => {
    expect(parseSearchQuery({ q: ' 氢能 ' }, kb(), defaults)).toStrictEqual({ q: '氢能', k: 10, mode: 'hybrid' });
    expect(parseSearchQuery({ q: '氢能', k: 3, mode: 'keyword', year: '2022' }, kb(), defaults)).toEqual({
      q: '氢能', k: 3, mode: 'keyword', filters: { year: [2022] },
    });
    expect(refusal(() => parseSearchQuery({}, kb(), defaults))).toBe('缺少参数 q / missing parameter q');
  });
});

describe('query-string schemas', () => {
  it('q is one string; filters are repeatable string lists', () => {
    expect(qQuerySchema).toEqual({ type: 'string', description: 'query text, 1–200 characters after trimming' });
    expect(Object.keys(filterQuerySchema)).toEqual(['doc', 'jurisdiction', 'year', 'kind', 'doctype']);
    for (const s of Object.values(filterQuerySchema)) expect([s.type, s.items]).toEqual(['array', { type: 'string' }]);
    expect(filterQuerySchema.kind.description).toBe(
      'record kind(s): heading, clause, zhuanlan_item, table_row, contact, form_field; repeatable or comma-separated',
    );
  });
});

/** The 400 an async request hook rejects with (or 'accepted'). */
async function hookRefusal(run: () => Promise<void>): Promise<string> {
  try {
    await run();
  } catch (err) {
    expect(err).toBeInstanceOf(ApiError);
    expect([(err as ApiError).statusCode, (err as ApiError).code]).toEqual([400, 'bad_request']);
    return (err as Error).message;
  }
  return 'accepted';
}
const request = (query: Record<string, unknown>, url = '/api/search') => ({ query, url }) as unknown as FastifyRequest;

describe('strictIntegers', () => {
  const searchK = strictIntegers({ k: SEARCH_K });
  const kRange = 'parameter k must be an integer ≥ 1 and ≤ 50';

  it('accepts plain decimal digits within the range, and an absent parameter', async () => {
    for (const k of ['1', '10', '50', '007']) expect(await hookRefusal(() => searchK(request({ k }))), k).toBe('accepted');
    expect(await hookRefusal(() => searchK(request({ q: 'a' })))).toBe('accepted');
  });

  it('refuses every other spelling and anything out of range with one message naming the range', async () => {
    for (const k of ['0', '51', '1e1', '0x10', '1.0', '+5', '-0', '-3', ' 5', 'Infinity', 'NaN', '', 'ten', '1234567890', '99999999999999999999999']) {
      expect(await hookRefusal(() => searchK(request({ k }))), JSON.stringify(k)).toBe(`参数 k 必须是 1 到 50 之间的整数 / ${kRange}`);
    }
    expect(await hookRefusal(() => searchK(request({ k: 5 })))).toBe(`参数 k 必须是 1 到 50 之间的整数 / ${kRange}`);
    expect(await hookRefusal(() => searchK(request({ k: ['1', '2'] })))).toBe('参数 k 不能重复 / parameter k must not be repeated');
  });

  it('checks each named parameter against its own range', async () => {
    const two = strictIntegers({ k: COMPARE_K, context: { min: 0, max: 20, default: 2 } });
    expect(await hookRefusal(() => two(request({ k: '20', context: '0' })))).toBe('accepted');
    expect(await hookRefusal(() => two(request({ k: '21' })))).toBe('参数 k 必须是 1 到 20 之间的整数 / parameter k must be an integer ≥ 1 and ≤ 20');
    expect(await hookRefusal(() => two(request({ k: '3', context: '21' })))).toBe(
      '参数 context 必须是 0 到 20 之间的整数 / parameter context must be an integer ≥ 0 and ≤ 20',
    );
    expect(rangeError('k', SEARCH_K).message).toBe(`参数 k 必须是 1 到 50 之间的整数 / ${kRange}`);
  });
});

describe('rejectMalformedUrl', () => {
  it('lets through URLs without escapes or with escapes of valid UTF-8', async () => {
    for (const url of ['/api/search?q=a', '/api/search?q=%E6%B0%A2%E8%83%BD', '/api/search?q=a%00b', '/doc/%E6%B0%A2']) {
      expect(await hookRefusal(() => rejectMalformedUrl(request({}, url))), url).toBe('accepted');
    }
  });

  it('refuses broken escapes and escapes that are not UTF-8, in the query or the path', async () => {
    const msg = '请求地址编码无效（百分号编码须为有效的 UTF-8） / malformed request URL (percent-escapes must encode valid UTF-8)';
    for (const url of ['/api/search?q=%', '/api/search?q=%zz', '/api/search?q=%FF%FE', '/api/search?q=%ED%A0%80', '/api/search?q=%E6%B0', '/doc/%C0%AE']) {
      expect(await hookRefusal(() => rejectMalformedUrl(request({}, url))), url).toBe(msg);
    }
  });
});
