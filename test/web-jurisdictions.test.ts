// The UI's place lists (web/src/jurisdictions.ts, labels.ts): built from what GET /api/documents sends,
// ordered by level (national, province, city, new area, district) then name; nothing fixed to the corpus.
import { describe, expect, it } from 'vitest';
import { compareJurisdictions } from '../web/src/labels.ts';
import { orderNames, placesFromDocuments } from '../web/src/jurisdictions.ts';

const doc = (id: string, name: string, level: string, kind: string, fullName = name) =>
  ({ id, shortTitle: id.toUpperCase(), year: 2030, kind, jurisdiction: { name, fullName, level } });

const BODY = {
  documents: [
    doc('a', '城关区', 'district', 'call', '甘肃省兰州市城关区'),
    doc('b', '西宁市', 'city', 'guide'),
    doc('c', '甘肃省', 'province', 'plan'),
    doc('d', '兰州新区', 'new_area', 'plan'),
    doc('e', '兰州市', 'city', 'guide'),
    doc('f', '东莞市', 'city', 'call', '广东省东莞市'),
    doc('g', '全国', 'national', 'measures'),
    doc('h', '兰州市', 'city', 'call'),
    { id: 'x', kind: 'call' }, // no jurisdiction: left out
  ],
};

describe('places from the document list', () => {
  it('one place per jurisdiction, by level then name, with its documents and whether it has calls', () => {
    const places = placesFromDocuments(BODY);
    expect(places.map((p) => [p.name, p.level, p.hasCalls, p.docs.map((d) => d.id)])).toEqual([
      ['全国', 'national', true, ['g']],
      ['甘肃省', 'province', false, ['c']],
      ['东莞市', 'city', true, ['f']],
      ['兰州市', 'city', true, ['e', 'h']],
      ['西宁市', 'city', true, ['b']],
      ['兰州新区', 'new_area', false, ['d']],
      ['城关区', 'district', true, ['a']],
    ]);
    expect(places[2]).toMatchObject({ fullName: '广东省东莞市', docs: [{ id: 'f', shortTitle: 'F', year: 2030, kind: 'call' }] });
  });

  it('a body of another shape gives no places rather than an error', () => {
    expect(placesFromDocuments(null)).toEqual([]);
    expect(placesFromDocuments({ documents: 'x' })).toEqual([]);
  });

  it('names the list does not know go last, by name; duplicates once', () => {
    const places = placesFromDocuments(BODY);
    expect(orderNames(['西宁市', '某某县', '甘肃省', '阿坝州', '西宁市'], places)).toEqual(['甘肃省', '西宁市', '阿坝州', '某某县']);
  });

  it('an unknown level sorts after district', () => {
    expect([{ name: 'B', level: 'x' }, { name: 'A', level: 'district' }].sort(compareJurisdictions).map((p) => p.name)).toEqual(['A', 'B']);
  });
});
