// Library search filters (server/kb/filters.ts): every filter narrows, filters combine with AND, years
// are whole four-digit years, and malformed filters are a SearchInputError with a bilingual message.
import { describe, expect, it } from 'vitest';
import { filterMask, jurisdictionMatches, RECORD_KINDS, SearchInputError, validateFilters } from '../server/kb/filters.ts';
import type { DocumentMeta, KbRecord } from '../server/kb/types.ts';

const meta = (id: string, name: string, fullName: string, level: string, year: number): DocumentMeta => ({
  id, file: `${id}.txt`, title: id, shortTitle: id, issuer: '', year, kind: 'guide',
  jurisdiction: { name, fullName, level }, docNumber: null, date: null, format: 'word-text',
} as DocumentMeta);
const DOCS = new Map([
  ['a', meta('a', '兰州市', '甘肃省兰州市', 'city', 2022)],
  ['b', meta('b', '西宁市', '青海省西宁市', 'city', 2024)],
  ['c', meta('c', '城关区', '甘肃省兰州市城关区', 'district', 2020)],
]);
const rec = (docId: string, kind: KbRecord['kind']): KbRecord => ({
  id: `${docId}-${kind}`, docId, kind, section: [], text: 'x', norm: 'x', order: 0, start: 0, end: 1, parentId: null,
});
// a:clause a:heading b:clause b:contact c:clause
const RECORDS = [rec('a', 'clause'), rec('a', 'heading'), rec('b', 'clause'), rec('b', 'contact'), rec('c', 'clause')];
const mask = (filters: unknown) => [...(filterMask(RECORDS, DOCS, validateFilters(filters)) ?? [])];
/** The message of the SearchInputError that validateFilters throws. */
const rejection = (filters: unknown): string => {
  try {
    validateFilters(filters);
  } catch (err) {
    expect(err).toBeInstanceOf(SearchInputError);
    expect((err as Error).name).toBe('SearchInputError');
    return (err as Error).message;
  }
  throw new Error(`accepted ${JSON.stringify(filters)}`);
};

describe('filterMask', () => {
  it('no filters: no mask', () => {
    expect(filterMask(RECORDS, DOCS, undefined)).toBeUndefined();
    expect(validateFilters({})).toBeUndefined();
    expect(validateFilters(undefined)).toBeUndefined();
    expect(validateFilters(null)).toBeUndefined();
  });

  it('each filter alone', () => {
    expect(mask({ doc: ['b'] })).toEqual([0, 0, 1, 1, 0]);
    expect(mask({ jurisdiction: ['兰州市'] })).toEqual([1, 1, 0, 0, 0]);
    expect(mask({ jurisdiction: ['青海省西宁市'] })).toEqual([0, 0, 1, 1, 0]);
    expect(mask({ jurisdiction: ['district'] })).toEqual([0, 0, 0, 0, 1]);
    expect(mask({ year: [2020, 2022] })).toEqual([1, 1, 0, 0, 1]);
    expect(mask({ kind: ['clause'] })).toEqual([1, 0, 1, 0, 1]);
    expect(mask({ doc: ['nope'] })).toEqual([0, 0, 0, 0, 0]);
  });

  it('values within one filter are alternatives (OR)', () => {
    expect(mask({ doc: ['a', 'c'] })).toEqual([1, 1, 0, 0, 1]);
    expect(mask({ jurisdiction: ['兰州市', '西宁市'] })).toEqual([1, 1, 1, 1, 0]);
    expect(mask({ kind: ['heading', 'contact'] })).toEqual([0, 1, 0, 1, 0]);
  });

  it('different filters combine with AND: a jurisdiction never lets in a document the doc filter left out', () => {
    expect(mask({ doc: ['b'], jurisdiction: ['兰州市'] })).toEqual([0, 0, 0, 0, 0]);
    expect(mask({ doc: ['a', 'b'], jurisdiction: ['兰州市'] })).toEqual([1, 1, 0, 0, 0]);
    expect(mask({ doc: ['a'], year: [2024] })).toEqual([0, 0, 0, 0, 0]);
    expect(mask({ jurisdiction: ['city'], year: [2024] })).toEqual([0, 0, 1, 1, 0]);
    expect(mask({ doc: ['a', 'b'], kind: ['clause'] })).toEqual([1, 0, 1, 0, 0]);
    expect(mask({ jurisdiction: ['西宁市'], kind: ['contact', 'clause'] })).toEqual([0, 0, 1, 1, 0]);
  });

  it('records of a document the map does not know are left out', () => {
    expect([...filterMask([rec('zz', 'clause')], DOCS, { kind: ['clause'] })!]).toEqual([0]);
  });
});

describe('jurisdictionMatches', () => {
  it('the short name, the full name or the level, nothing else', () => {
    const a = DOCS.get('a')!;
    expect(['兰州市', '甘肃省兰州市', 'city', '兰州', '甘肃省', 'district', ''].map((v) => jurisdictionMatches(a, v))).toEqual([
      true, true, true, false, false, false, false,
    ]);
  });
});

describe('validateFilters', () => {
  it('normalizes values (NFKC, spaces collapsed and trimmed), drops empty ones and takes a single value as a list', () => {
    expect(validateFilters({ doc: ' a ', jurisdiction: ['兰州市', '', '  '], kind: 'clause' })).toEqual({ doc: ['a'], jurisdiction: ['兰州市'], kind: ['clause'] });
    expect(validateFilters({ jurisdiction: ['ｃｉｔｙ'] })).toEqual({ jurisdiction: ['city'] });
    expect(validateFilters({ doc: [''], jurisdiction: [], kind: [' '] })).toBeUndefined();
    expect(validateFilters({ doc: null, year: null, kind: undefined })).toBeUndefined();
  });

  it('years: whole numbers 1900–2100, or four-digit strings', () => {
    expect(validateFilters({ year: [1900, 2100, '2022', ' 2024 '] })).toEqual({ year: [1900, 2100, 2022, 2024] });
    expect(validateFilters({ year: 2020 })).toEqual({ year: [2020] });
    for (const y of [2022.5, 1899, 2101, Number.NaN, Number.POSITIVE_INFINITY, '22', '20222', '2022.0', '+2022', 'x2022', 'twenty', true, {}, [2022]]) {
      expect(rejection({ year: [y] }), JSON.stringify(y)).toBe('year 必须是四位年份 / year must be a 4-digit year');
    }
  });

  it('document kinds filter by the document’s kind', () => {
    expect(validateFilters({ docKind: ['plan', 'call'] })).toEqual({ docKind: ['plan', 'call'] });
    expect([...filterMask(RECORDS, DOCS, { docKind: ['guide'] })!]).toEqual([1, 1, 1, 1, 1]);
    expect([...filterMask(RECORDS, DOCS, { docKind: ['plan'] })!]).toEqual([0, 0, 0, 0, 0]);
    expect([...filterMask(RECORDS, DOCS, { docKind: ['guide'], doc: ['c'] })!]).toEqual([0, 0, 0, 0, 1]);
    expect(rejection({ docKind: ['law'] })).toBe(
      '未知文件类型 law / unknown document kind law (one of call, guide, plan, measures, regulation, policy, notice)',
    );
  });

  it('record kinds are the six the index holds', () => {
    expect(RECORD_KINDS).toEqual(['heading', 'clause', 'zhuanlan_item', 'table_row', 'contact', 'form_field']);
    expect(validateFilters({ kind: [...RECORD_KINDS] })).toEqual({ kind: [...RECORD_KINDS] });
    expect(rejection({ kind: ['chapter'] })).toBe(
      '未知记录类型 chapter / unknown record kind chapter (one of heading, clause, zhuanlan_item, table_row, contact, form_field)',
    );
  });

  it('rejects what is not a filter object, unknown filters and non-string values', () => {
    for (const f of ['doc=a', 3, true, ['a']]) expect(rejection(f), JSON.stringify(f)).toBe('filters 必须是对象 / filters must be an object');
    expect(rejection({ text: ['x'] })).toBe('未知筛选条件 text / unknown filter text');
    expect(rejection({ doc: [1] })).toBe('筛选条件 doc 必须是字符串 / filter doc must be strings');
    expect(rejection({ jurisdiction: [null] })).toBe('筛选条件 jurisdiction 必须是字符串 / filter jurisdiction must be strings');
    expect(rejection({ kind: [{}] })).toBe('筛选条件 kind 必须是字符串 / filter kind must be strings');
  });

  it('at most 50 values per filter', () => {
    const fifty = Array.from({ length: 50 }, (_, i) => `d${i}`);
    expect(validateFilters({ doc: fifty })?.doc).toHaveLength(50);
    expect(validateFilters({ year: Array(50).fill(2022) })?.year).toHaveLength(50);
    expect(rejection({ doc: [...fifty, 'x'] })).toBe('筛选条件 doc 取值过多 / too many values for filter doc');
    expect(rejection({ kind: Array(51).fill('clause') })).toBe('筛选条件 kind 取值过多 / too many values for filter kind');
    expect(rejection({ year: Array(51).fill(2022) })).toBe('year 取值过多 / too many values for filter year');
    expect(rejection({ docKind: Array(51).fill('plan') })).toBe('筛选条件 docKind 取值过多 / too many values for filter docKind');
  });
});
