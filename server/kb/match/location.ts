// Where an applicant is registered, and whether a document's jurisdiction covers it. A place resolves
// to its chain of full names (甘肃省 › 甘肃省兰州市 › 甘肃省兰州市城关区), through the documents'
// own jurisdictions first and then the gazetteer of administrative divisions; a 城关区 enterprise is
// then also in 兰州市 and 甘肃省, and a national document covers everyone.

import type { DocumentMeta, JurisdictionLevel } from '../types.ts';
import { normalize } from '../normalize.ts';
import { ancestors, findMentions, fullNameOf, gazetteer, type Place } from '../../ingest/meta/gazetteer.ts';

export type Jurisdiction = DocumentMeta['jurisdiction'];

export interface ResolvedPlace {
  name: string;
  fullName: string;
  level: JurisdictionLevel;
  /** Full names from the top down to the place itself. */
  chain: string[];
}

export const NATIONAL_PLACE: ResolvedPlace = { name: '全国', fullName: '中华人民共和国', level: 'national', chain: ['中华人民共和国'] };

export type LocationResult = { place: ResolvedPlace } | { error: { zh: string; en: string } };

function fromPlace(p: Place): ResolvedPlace {
  const chain = [...ancestors(p)].reverse().map(fullNameOf);
  return { name: p.name, fullName: fullNameOf(p), level: p.level, chain: [...chain, fullNameOf(p)] };
}

/** Several places of one name (城关区 is in 兰州 and in 拉萨): those the served documents cover win. */
function prefer(places: Place[], known: readonly Jurisdiction[]): Place[] {
  const served = new Set(known.map((j) => j.fullName));
  const near = places.filter((p) => served.has(fullNameOf(p)) || ancestors(p).some((a) => served.has(fullNameOf(a))));
  return near.length ? near : places;
}

/** A place named by `text`: a served jurisdiction, a gazetteer name or short name, or a full path. */
export function resolveLocation(text: string, known: readonly Jurisdiction[]): LocationResult {
  const t = normalize(text);
  const g = gazetteer();
  const doc = known.find((j) => j.name === t || j.fullName === t);
  if (doc) {
    if (doc.level === 'national') return { place: NATIONAL_PLACE };
    const p = (g.names.get(doc.name) ?? []).find((x) => fullNameOf(x) === doc.fullName);
    return { place: p ? fromPlace(p) : { name: doc.name, fullName: doc.fullName, level: doc.level, chain: [doc.fullName] } };
  }
  let places = g.names.get(t) ?? g.aliases.get(t) ?? [];
  if (!places.length) {
    // "甘肃省兰州市城关区": names back to back, each inside the one before
    const ms = findMentions(t);
    if (ms.length && ms.map((m) => m.text).join('') === t) {
      places = ms[ms.length - 1].places.filter((p) => {
        const up = new Set(ancestors(p));
        return ms.slice(0, -1).every((m) => m.places.some((x) => up.has(x)));
      });
    }
  }
  places = prefer(places, known);
  if (places.length === 1) return { place: fromPlace(places[0]) };
  if (places.length > 1) {
    const names = places.slice(0, 6).map(fullNameOf);
    return { error: { zh: `地区 ${text} 有多处，请写全称：${names.join('、')}`, en: `place ${text} is ambiguous; write one of ${names.join(', ')}` } };
  }
  return { error: { zh: `未知地区 ${text}`, en: `unknown place ${text}` } };
}

/**
 * How a document's jurisdiction relates to where the applicant is: covers it ('inside': the same
 * place or one above it, or national), lies inside it ('contains': 兰州市 applicant, 城关区 document —
 * the profile does not say), or elsewhere ('outside').
 */
export function relation(loc: ResolvedPlace, target: Pick<Jurisdiction, 'fullName' | 'level'>): 'inside' | 'contains' | 'outside' {
  if (target.level === 'national' || loc.chain.includes(target.fullName)) return 'inside';
  if (loc.level === 'national' || target.fullName.startsWith(loc.fullName)) return 'contains';
  return 'outside';
}

/** A place as a call states it ("本市", "城关区", "中国境内", "兰白两区"), for that call; null when unknown. */
export function statedPlace(place: string, own: Jurisdiction, known: readonly Jurisdiction[]): Jurisdiction | null {
  const p = place.replace(/[“”"「」]/g, '').replace(/(?:境)?(?:区域)?内$/, '');
  if (/^本(?:市|区|县|省)$/.test(p)) return own;
  if (/^(?:中国|全国|国内|境内|中华人民共和国)/.test(p)) return { name: NATIONAL_PLACE.name, fullName: NATIONAL_PLACE.fullName, level: 'national' };
  const r = resolveLocation(p, [own, ...known]);
  return 'place' in r ? { name: r.place.name, fullName: r.place.fullName, level: r.place.level } : null;
}
