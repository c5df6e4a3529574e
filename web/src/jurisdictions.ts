// The jurisdictions of the loaded documents, as the server knows them (GET /api/documents: name, full
// name, level), each with its documents, in the order every list of the UI uses: by level (national,
// province, city, new area, district), then by name. Nothing here names a place: a call added from
// 东莞市 shows up in the filter, the compare columns and the 受理查询 panel as soon as it is served.
import { getJson } from './api.ts';
import { compareJurisdictions } from './labels.ts';

export interface PlaceDoc {
  id: string;
  shortTitle: string;
  year: number;
  kind: string;
}

export interface Place {
  name: string;
  fullName: string;
  level: string;
  docs: PlaceDoc[];
  /** True when one of its documents is a call or guide (anything but a plan): it can have facts. */
  hasCalls: boolean;
}

type Json = Record<string, unknown>;
const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string => (typeof v === 'string' ? v : '');

/** Places from a GET /api/documents body, ordered; documents without a jurisdiction name are left out. */
export function placesFromDocuments(body: unknown): Place[] {
  const list = isObj(body) && Array.isArray(body.documents) ? body.documents : [];
  const byName = new Map<string, Place>();
  for (const d of list) {
    if (!isObj(d)) continue;
    const j = isObj(d.jurisdiction) ? d.jurisdiction : {};
    const name = str(j.name);
    if (!name) continue;
    let p = byName.get(name);
    if (!p) byName.set(name, (p = { name, fullName: str(j.fullName) || name, level: str(j.level), docs: [], hasCalls: false }));
    const kind = str(d.kind);
    p.docs.push({ id: str(d.id), shortTitle: str(d.shortTitle) || str(d.title), year: Number(d.year) || 0, kind });
    if (kind && kind !== 'plan') p.hasCalls = true;
  }
  return [...byName.values()].sort(compareJurisdictions);
}

let cache: Promise<Place[]> | null = null;

/** The places of the served documents (one request per session; a failure is not cached). */
export function loadPlaces(): Promise<Place[]> {
  if (!cache) {
    cache = getJson('/api/documents').then(placesFromDocuments);
    cache.catch(() => (cache = null));
  }
  return cache;
}

/**
 * `names` in the UI's order: those the places know by their level, any others after them by name
 * (a name the server sends elsewhere before the document list has loaded).
 */
export function orderNames(names: Iterable<string>, places: Place[]): string[] {
  const known = new Map(places.map((p) => [p.name, p]));
  return [...new Set(names)]
    .map((name) => known.get(name) ?? { name, level: '' })
    .sort(compareJurisdictions)
    .map((p) => p.name);
}
