// The jurisdiction a document belongs to: a national body in the issuer makes it national (全国,
// 中华人民共和国); otherwise the most specific place named in the issuer, then in the title(s), then —
// when named at least three times — the place the first part of the text names most. A place name
// that several places share (城关区: 兰州市 and 拉萨市…) is settled by the places named with it, then by
// how often the text names each candidate's parents; the evidence says which and why.

import type { JurisdictionLevel } from '../../kb/types.ts';
import { ancestors, depth, findMentions, fullNameOf, namesOf, type Mention, type Place } from './gazetteer.ts';
import { looksNational } from './org.ts';

export interface Jurisdiction {
  name: string;
  fullName: string;
  level: JurisdictionLevel;
}

export const NATIONAL: Jurisdiction = { name: '全国', fullName: '中华人民共和国', level: 'national' };
export const UNKNOWN: Jurisdiction = { name: '未知', fullName: '未知', level: 'city' };

export interface JurisdictionFinding {
  jurisdiction: Jurisdiction;
  evidence: string;
}

/** A national body among the issuer's bodies (科技部, 国务院办公厅, 国家税务总局…), or null. */
export function nationalBody(issuer: string): string | null {
  for (const body of issuer.split(/[\s、，,]+/).filter(Boolean)) {
    if (looksNational(body) && findMentions(body).length === 0) return body;
  }
  return null;
}

export function inferJurisdiction(issuer: string, titles: string[], text: string): JurisdictionFinding {
  const national = issuer ? nationalBody(issuer) : null;
  if (national) return { jurisdiction: NATIONAL, evidence: `national body in the issuer (${national})` };
  const sources = [
    { label: 'issuer', value: issuer },
    ...titles.map((t) => ({ label: 'title', value: t })),
  ];
  for (const { label, value } of sources) {
    if (!value) continue;
    const found = resolve(findMentions(value), text);
    if (found) return { jurisdiction: found.jurisdiction, evidence: `${label} "${value}"${found.note}` };
  }
  const head = text.slice(0, 3000);
  const counts = new Map<string, { mention: Mention; count: number }>();
  for (const m of findMentions(head)) {
    if (m.short) continue;
    const entry = counts.get(m.text);
    if (entry) entry.count++;
    else counts.set(m.text, { mention: m, count: 1 });
  }
  const top = [...counts.values()].sort(
    (a, b) => b.count - a.count || maxDepth(b.mention) - maxDepth(a.mention) || a.mention.index - b.mention.index,
  )[0];
  if (top && top.count >= 3) {
    const found = resolve([top.mention], text);
    if (found) return { jurisdiction: found.jurisdiction, evidence: `most named place in the text (${top.mention.text}, ${top.count} times)${found.note}` };
  }
  return { jurisdiction: UNKNOWN, evidence: 'not found' };
}

function maxDepth(m: Mention): number {
  return Math.max(...m.places.map(depth));
}

function toJurisdiction(place: Place): Jurisdiction {
  return { name: place.name, fullName: fullNameOf(place), level: place.level };
}

/** The most specific place among the mentions, disambiguated; null when there are none. */
function resolve(mentions: Mention[], text: string): { jurisdiction: Jurisdiction; note: string } | null {
  if (mentions.length === 0) return null;
  const deepest = Math.max(...mentions.map(maxDepth));
  const target = mentions.find((m) => maxDepth(m) === deepest) as Mention;
  const places = target.places.filter((p) => depth(p) === deepest);
  if (places.length === 1) return { jurisdiction: toJurisdiction(places[0]), note: '' };

  // Named together with a parent: 兰州市城关区.
  const named = new Set(mentions.filter((m) => m !== target).flatMap((m) => m.places));
  const withParent = places.filter((p) => ancestors(p).some((a) => named.has(a)));
  if (withParent.length === 1) {
    return { jurisdiction: toJurisdiction(withParent[0]), note: ` (${target.text} is ambiguous; its parent is named with it)` };
  }
  // Else the candidate whose parents the whole text names most often.
  const candidates = withParent.length > 0 ? withParent : places;
  const scored = candidates.map((p) => ({ p, n: ancestors(p).reduce((sum, a) => sum + occurrences(text, shortestName(a)), 0) }));
  const best = scored.reduce((a, b) => (b.n > a.n ? b : a));
  const tie = scored.filter((s) => s.n === best.n).length > 1;
  const tally = scored.map((s) => `${fullNameOf(s.p)} ${s.n}`).join(', ');
  return {
    jurisdiction: toJurisdiction(best.p),
    note: ` (${target.text} is ambiguous; parents named in the text: ${tally}${tie ? '; tie, first in gazetteer order' : ''})`,
  };
}

/** The shortest name of a place (兰州 for 兰州市): counting it counts the full name's occurrences too. */
function shortestName(place: Place): string {
  return namesOf(place).reduce((a, b) => (b.length < a.length ? b : a));
}

function occurrences(text: string, needle: string): number {
  let n = 0;
  for (let i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + needle.length)) n++;
  return n;
}
