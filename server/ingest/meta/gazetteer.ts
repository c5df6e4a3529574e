// The gazetteer of Chinese administrative divisions, built once (lazily) from the china-area-data
// package (national statistics codes → names: provinces, prefecture-level cities, counties/districts)
// plus the state-level new areas, and a scanner that finds place names in a string.
//
// Levels: a province, autonomous region or municipality (北京市) is 'province'; a prefecture-level
// city, 地区, 自治州 or 盟 is 'city'; a county-level unit (区, 县, 县级市, 旗) is 'district' — also those
// directly under a province (仙桃市) or a municipality (北京市朝阳区). Development zones that the data
// lists under cities (codes xxxx7x: 兰州新区, 拉萨经济技术开发区…) are left out: they are not
// administrative divisions; the state-level new areas come from new-areas.ts instead.

import { createRequire } from 'node:module';
import type { JurisdictionLevel } from '../../kb/types.ts';
import { STATE_LEVEL_NEW_AREAS } from './new-areas.ts';

export type PlaceLevel = Exclude<JurisdictionLevel, 'national'>;

export interface Place {
  /** Statistics code, or "new:<name>" for a new area. */
  code: string;
  name: string;
  level: PlaceLevel;
  parent: Place | null;
}

export interface Gazetteer {
  /** Full names (城关区, 兰州市, 甘肃省, 兰州新区) → every place of that name. */
  names: Map<string, Place[]>;
  /** Short names (兰州, 甘肃, 广西, 临夏州) → the place(s) of the highest level using them. */
  aliases: Map<string, Place[]>;
  maxLength: number;
}

/** Entries of the data that only group their children ("市辖区" of a city or municipality, "县" of 重庆). */
const PLACEHOLDER = /^(?:市辖区|县|省直辖县级行政区划|自治区直辖县级行政区划)$/;
/** Nationalities named in autonomous regions and prefectures, stripped to make short names. */
const NATIONALITIES = '朝鲜|土家|苗|侗|布依|壮|彝|哈尼|傣|景颇|傈僳|白|藏|羌|回|蒙古|哈萨克|柯尔克孜|维吾尔';
/** 族 is optional: 博尔塔拉蒙古自治州, 伊犁哈萨克自治州, 新疆维吾尔自治区. */
const AUTONOMOUS_SUFFIX = new RegExp(`(?:(?:${NATIONALITIES})族?)*自治(?:区|州)$`);

let built: Gazetteer | null = null;

/** The gazetteer, built on first use and kept for the process. */
export function gazetteer(): Gazetteer {
  built ??= build();
  return built;
}

function build(): Gazetteer {
  const data = createRequire(import.meta.url)('china-area-data/data.json') as Record<string, Record<string, string>>;
  const names = new Map<string, Place[]>();
  const aliasCandidates = new Map<string, Place[]>();
  const add = (map: Map<string, Place[]>, key: string, place: Place) => {
    const list = map.get(key);
    if (list) list.push(place);
    else map.set(key, [place]);
  };
  const addPlace = (code: string, name: string, level: PlaceLevel, parent: Place | null): Place => {
    const place: Place = { code, name, level, parent };
    add(names, name, place);
    for (const alias of shortNames(name, level)) add(aliasCandidates, alias, place);
    return place;
  };
  const provinceByName = new Map<string, Place>();

  for (const [provinceCode, provinceName] of Object.entries(data['86'] ?? {})) {
    const province = addPlace(provinceCode, provinceName, 'province', null);
    provinceByName.set(provinceName, province);
    for (const [cityCode, cityName] of Object.entries(data[provinceCode] ?? {})) {
      const grouping = PLACEHOLDER.test(cityName);
      const city = grouping ? province : addPlace(cityCode, cityName, 'city', province);
      for (const [countyCode, countyName] of Object.entries(data[cityCode] ?? {})) {
        // Only county-level codes (6 digits; Dongguan and Zhongshan list 9-digit towns), no
        // placeholders, no development zones (xxxx7x).
        if (countyCode.length !== 6 || PLACEHOLDER.test(countyName) || countyCode[4] === '7') continue;
        addPlace(countyCode, countyName, 'district', city);
      }
    }
  }
  for (const area of STATE_LEVEL_NEW_AREAS) {
    const province = provinceByName.get(area.province) ?? null;
    const place: Place = { code: `new:${area.name}`, name: area.name, level: 'new_area', parent: province };
    // A new area replaces a district of the same name (浦东新区, 滨海新区 are also districts).
    for (const key of [area.name, ...area.aliases]) names.set(key, [place]);
  }

  // A short name belongs to the highest level using it (吉林 → 吉林省, not 吉林市), and never
  // shadows a full name.
  const aliases = new Map<string, Place[]>();
  for (const [alias, places] of aliasCandidates) {
    if (names.has(alias)) continue;
    const top = Math.min(...places.map(depth));
    aliases.set(alias, places.filter((p) => depth(p) === top));
  }
  let maxLength = 0;
  for (const key of names.keys()) maxLength = Math.max(maxLength, key.length);
  return { names, aliases, maxLength };
}

/** Short names for provinces and prefecture-level units; counties get none (城关, 安宁 are too common). */
function shortNames(name: string, level: PlaceLevel): string[] {
  if (level === 'district') return [];
  const out: string[] = [];
  if (AUTONOMOUS_SUFFIX.test(name)) {
    const stem = name.replace(AUTONOMOUS_SUFFIX, '');
    out.push(stem);
    if (name.endsWith('州')) out.push(`${stem}州`); // 临夏回族自治州 → 临夏州
  } else {
    const stem = name.replace(/(?:省|市|地区|盟|特别行政区)$/, '');
    if (stem !== name) out.push(stem);
  }
  return out.filter((s) => s.length >= 2);
}

/** 1 for a province, 2 for a city, 3 for a district or new area. */
export function depth(place: Place): number {
  return place.level === 'province' ? 1 : place.level === 'city' ? 2 : 3;
}

/** Province + city + district names, e.g. 甘肃省兰州市城关区; a new area is province + its name. */
export function fullNameOf(place: Place): string {
  const parts: string[] = [];
  for (let p: Place | null = place; p; p = p.parent) parts.unshift(p.name);
  return parts.join('');
}

/** The place and every place above it, nearest first. */
export function ancestors(place: Place): Place[] {
  const out: Place[] = [];
  for (let p = place.parent; p; p = p.parent) out.push(p);
  return out;
}

/** Full and short names of a place, for counting how often a text names it. */
export function namesOf(place: Place): string[] {
  return [place.name, ...shortNames(place.name, place.level)];
}

export interface Mention {
  text: string;
  index: number;
  places: Place[];
  /** Found by a short name (兰州, 甘肃) rather than a full one. */
  short: boolean;
}

/**
 * Place names in `s`, left to right, longest match first (兰州新区 before 兰州, 兰州市 before 兰州);
 * at equal length a full name beats a short one.
 */
export function findMentions(s: string): Mention[] {
  const g = gazetteer();
  const out: Mention[] = [];
  for (let i = 0; i < s.length - 1; ) {
    let found: Mention | null = null;
    for (let len = Math.min(g.maxLength, s.length - i); len >= 2 && !found; len--) {
      const key = s.substr(i, len);
      const full = g.names.get(key);
      if (full) found = { text: key, index: i, places: full, short: false };
      else {
        const short = g.aliases.get(key);
        if (short) found = { text: key, index: i, places: short, short: true };
      }
    }
    if (found) {
      out.push(found);
      i += found.text.length;
    } else i++;
  }
  return out;
}
