// "Can I apply?" (issue 12): a profile against every programme of every call. Built once from the
// documents and their extracted facts (conditions, programme units, windows); matching is then pure
// computation in memory. Per programme (and per sub-kind when its conditions are set by sub-kind):
//   jurisdiction  stated ("在城关区注册", "本市区域内") or inferred from the issuer and marked so;
//                 the applicant's place resolves to its chain (城关区 ⊂ 兰州市 ⊂ 甘肃省), national covers all
//   field         the profile's field against the fields and text of the programme (when given)
//   category      "工业类" vs "农业类、社会发展类": the sub-kind the field falls under
//   conditions    every extracted condition whose programme is this one or encloses it, unless its
//                 scope leaves this applicant out (企业作为项目实施主体的…) or an exception exempts the
//                 programme (重大专项不受此限制): those are listed apart, with the reason
// Status: not_eligible if one is not met, possible if none failed and some are unknown, else eligible;
// ranked eligible, possible, not eligible. Application windows are shown with their state on `today`.

import type { ApplicationWindow, Condition, Facts, ProgrammeUnit } from '../facts/types.ts';
import type { DocumentMeta } from '../types.ts';
import { ProfileError, type Profile } from './profile.ts';
import { relation, resolveLocation, statedPlace, type Jurisdiction, type ResolvedPlace } from './location.ts';
import { fieldTerms, inCategory, matchField, type FieldTerms } from './field.ts';
import { evaluate } from './evaluate.ts';
import type { ConditionStatus, MatchedCondition, MatchResponse, MatchResult, MatchStatus, MatchWindow, SkippedCondition } from './types.ts';

export interface MatchSource {
  documents: DocumentMeta[];
  facts: Pick<Facts, 'conditions' | 'programmes' | 'windows'>;
}

interface Entry {
  meta: DocumentMeta;
  unit: ProgrammeUnit;
  order: number;
  conditions: Condition[];
  /** Sub-kinds the conditions are set for ("工业类", "农业类、社会发展类"); empty when none. */
  groups: string[];
}

const STATUS_RANK: Record<MatchStatus, number> = { eligible: 0, possible: 1, not_eligible: 2 };

/** "重大专项" exempts "重大科技专项": its characters in order, same ending. */
function names(programme: string, exempt: string): boolean {
  let i = 0;
  for (const ch of programme) if (ch === exempt[i]) i++;
  return i === exempt.length;
}

const groupNames = (g: string): string[] => g.split('、').map((x) => x.replace(/类$/, '')).filter(Boolean);
const sameName = (a: string, b: string): boolean => a === b || a.includes(b) || b.includes(a);

/** "2020-03-30" → "2020年3月30日". */
export function dateZh(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

/** Today's date where the server runs, YYYY-MM-DD. */
export function localToday(): string {
  return new Date().toLocaleDateString('sv-SE');
}

export function windowState(w: ApplicationWindow, today: string): MatchWindow {
  const end = `${dateZh(w.endDate)}${w.endTime ?? ''}`;
  let state: MatchWindow['state'] = 'open';
  let note: string;
  if (w.endDate < today) { state = 'closed'; note = `${end}截止，已结束`; }
  else if (w.startDate && w.startDate > today) { state = 'upcoming'; note = `${dateZh(w.startDate)}${w.startTime ?? ''}开始，${end}截止`; }
  else note = w.startDate ? `${dateZh(w.startDate)}${w.startTime ?? ''}至${end}，申报中` : `${end}截止，申报中`;
  return { label: w.label, startDate: w.startDate, endDate: w.endDate, endTime: w.endTime, state, note, sources: w.sources };
}

export class MatchIndex {
  /** Jurisdictions of the served documents, for resolving places. */
  readonly known: Jurisdiction[] = [];
  private readonly entries: Entry[] = [];
  private readonly windows = new Map<string, ApplicationWindow[]>();

  constructor(src: MatchSource) {
    for (const d of src.documents) if (!this.known.some((j) => j.fullName === d.jurisdiction.fullName)) this.known.push(d.jurisdiction);
    for (const w of src.facts.windows) this.windows.set(w.docId, [...(this.windows.get(w.docId) ?? []), w]);
    let order = 0;
    for (const meta of src.documents) {
      if (meta.kind === 'plan') continue;
      const own = src.facts.conditions.filter((c) => c.docId === meta.id);
      // a 办法 / 政策 / 条例 is matched only when it states conditions; a call or guide always is
      if (meta.kind !== 'call' && meta.kind !== 'guide' && !own.length) continue;
      let units = src.facts.programmes.filter((u) => u.docId === meta.id);
      if (!units.length) units = [{ docId: meta.id, jurisdiction: meta.jurisdiction.name, name: null, parents: [], fields: [], categories: [], vocabulary: meta.title, sources: [] }];
      for (const unit of units) {
        const scope = new Set([unit.name, ...unit.parents]);
        const conditions = own.filter((c) => c.programme === null || scope.has(c.programme));
        const groups = [...new Set(conditions.map((c) => c.category).filter((g): g is string => !!g))];
        this.entries.push({ meta, unit, order: order++, conditions, groups });
      }
    }
    // the gazetteer is built on first use: build it now, not on the first request
    for (const j of this.known) if (j.level !== 'national') resolveLocation(j.fullName, this.known);
  }

  /** The profile's place, or null without one; an unknown or ambiguous place is a ProfileError naming location. */
  resolve(location: string | undefined): ResolvedPlace | null {
    if (location === undefined) return null;
    const r = resolveLocation(location, this.known);
    if ('error' in r) throw new ProfileError([{ field: 'location', zh: `字段 location（注册地）：${r.error.zh}`, en: `field location: ${r.error.en}` }]);
    return r.place;
  }

  match(profile: Profile, opts: { today?: string } = {}): MatchResponse {
    const t0 = performance.now();
    const today = opts.today ?? localToday();
    const loc = this.resolve(profile.location);
    const terms = profile.field ? fieldTerms(profile.field) : null;
    const results: Array<MatchResult & { rank: number[] }> = [];
    for (const e of this.entries) {
      for (const group of this.groupsFor(e, terms)) {
        results.push(this.result(e, group, profile, loc, terms, today));
      }
    }
    results.sort((a, b) => {
      for (let i = 0; i < a.rank.length; i++) if (a.rank[i] !== b.rank[i]) return a.rank[i] - b.rank[i];
      return 0;
    });
    const counts: Record<MatchStatus, number> = { eligible: 0, possible: 0, not_eligible: 0 };
    for (const r of results) counts[r.status]++;
    return {
      today, profile, location: loc, counts,
      results: results.map(({ rank: _rank, ...r }) => r),
      took_ms: Math.round((performance.now() - t0) * 100) / 100,
    };
  }

  /** The sub-kinds to answer for: those the field falls under, else all; [null] when there are none. */
  private groupsFor(e: Entry, terms: FieldTerms | null): Array<string | null> {
    if (!e.groups.length) return [null];
    if (!terms) return e.groups;
    const hit = e.groups.filter((g) => this.inGroup(e, g, terms));
    return hit.length ? hit : e.groups;
  }

  private inGroup(e: Entry, g: string, terms: FieldTerms): boolean {
    const ns = groupNames(g);
    return ns.some((n) => sameName(n, terms.q))
      || e.unit.categories.some((c) => ns.some((n) => sameName(c.name, n)) && inCategory(terms, c));
  }

  private result(e: Entry, group: string | null, p: Profile, loc: ResolvedPlace | null, terms: FieldTerms | null, today: string) {
    const { meta, unit } = e;
    const conditions: MatchedCondition[] = [];
    const notApplicable: SkippedCondition[] = [];
    const programmeNames = [unit.name ?? '', ...unit.parents];
    const registered: Array<{ c: Condition; conditional: string[] }> = [];
    const rest: Array<{ c: Condition; conditional: string[] }> = [];

    for (const c of e.conditions) {
      if (c.category && c.category !== group) continue;
      const exempt = c.except.find((x) => programmeNames.some((n) => n && names(n, x)));
      if (exempt) { notApplicable.push({ kind: c.kind, text: c.text, reason: `${exempt}不受此限制`, sources: c.sources }); continue; }
      let conditional: string[] = [];
      if (c.appliesTo.length && c.kind !== 'applicant' && !c.appliesTo.some((k) => programmeNames.some((n) => n.includes(k)))) {
        if (p.applicantKind === undefined) conditional = c.appliesTo;
        else if (!c.appliesTo.includes(p.applicantKind)) {
          notApplicable.push({ kind: c.kind, text: c.text, reason: `仅适用于${c.appliesTo.join('、')}`, sources: c.sources });
          continue;
        }
      }
      (c.kind === 'registered-in' ? registered : rest).push({ c, conditional });
    }

    conditions.push(...this.jurisdiction(meta, registered, loc));
    if (terms) conditions.push(this.field(e, terms, p.field!));
    if (group) conditions.push(this.category(e, group, terms, p.field));
    for (const { c, conditional } of rest) {
      const ev = evaluate(c, p);
      let { status, note } = ev;
      // a scope the profile does not settle ("企业作为项目实施主体的"): a failure is not certain
      if (conditional.length && status === 'not_met') { status = 'unknown'; note = `仅适用于${conditional.join('、')}；未填写申报主体`; }
      conditions.push({ kind: c.kind, text: c.text, status, requirement: ev.requirement, compared: ev.compared, soft: c.soft,
        inferred: false, note, sources: c.sources });
    }

    const counts: Record<ConditionStatus, number> = { met: 0, not_met: 0, unknown: 0 };
    for (const c of conditions) counts[c.status]++;
    const status: MatchStatus = counts.not_met ? 'not_eligible' : counts.unknown ? 'possible' : 'eligible';
    const reasons = conditions.filter((c) => c.status === 'not_met')
      .map((c) => `${c.requirement}${c.soft ? '（原则上）' : ''}${c.compared ? `，填报：${c.compared}` : ''}`);
    const windows = (this.windows.get(meta.id) ?? []).map((w) => windowState(w, today));
    const field = conditions.find((c) => c.kind === 'field');
    const windowRank = !windows.length ? 1 : windows.some((w) => w.state !== 'closed') ? 0 : 2;
    const fieldRank = !field ? 1 : field.status === 'met' ? 0 : field.status === 'unknown' ? 1 : 2;
    return {
      docId: meta.id, title: meta.shortTitle || meta.title, jurisdiction: meta.jurisdiction.name, level: meta.jurisdiction.level,
      year: meta.year, docKind: meta.kind, programme: unit.name, parents: unit.parents, category: group,
      status, reasons, conditions, notApplicable, windows, counts,
      rank: [STATUS_RANK[status], fieldRank, windowRank, counts.not_met, counts.unknown, e.order],
    };
  }

  /** Where one must be registered: stated by the call, else the issuer's jurisdiction (inferred). */
  private jurisdiction(meta: DocumentMeta, registered: Array<{ c: Condition; conditional: string[] }>, loc: ResolvedPlace | null): MatchedCondition[] {
    const out: MatchedCondition[] = [];
    let main: MatchedCondition | null = null;
    for (const { c, conditional } of registered) {
      const target = c.place ? statedPlace(c.place, meta.jurisdiction, this.known) : null;
      if (!target) {
        out.push({ kind: 'registered-in', text: c.text, status: 'unknown', requirement: `在${c.place ?? '所述地区'}注册`,
          compared: loc?.fullName ?? null, soft: c.soft, inferred: false, note: `“${c.place}”的范围无法从地区名录确定`, sources: c.sources });
        continue;
      }
      const m = this.placeCondition(target, loc, c.text, c.sources, false);
      if (conditional.length && m.status === 'not_met') { m.status = 'unknown'; m.note = `仅适用于${conditional.join('、')}；未填写申报主体`; }
      if (!main && !conditional.length) main = m;
      else out.push({ ...m, kind: 'registered-in' });
    }
    main ??= this.placeCondition(meta.jurisdiction, loc, `发文机关：${meta.issuer}（${meta.jurisdiction.fullName}）`, [], true);
    return [main, ...out];
  }

  private placeCondition(target: Jurisdiction, loc: ResolvedPlace | null, text: string, sources: string[], inferred: boolean): MatchedCondition {
    const national = target.level === 'national';
    const requirement = national ? '全国范围' : `注册地在${target.name}`;
    const base = { kind: 'jurisdiction' as const, text, requirement, compared: loc?.fullName ?? null, soft: false, inferred, sources };
    if (national) return { ...base, status: 'met', note: inferred ? '全国性文件' : null };
    if (!loc) return { ...base, status: 'unknown', note: '未填写注册地' };
    const rel = relation(loc, target);
    if (rel === 'inside') return { ...base, status: 'met', note: loc.fullName === target.fullName ? null : `${loc.name}属于${target.name}` };
    if (rel === 'contains') return { ...base, status: 'unknown', note: `${target.name}属于${loc.name}，须确认是否在${target.name}注册` };
    return { ...base, status: 'not_met', note: `${loc.name}不在${target.name}` };
  }

  private field(e: Entry, terms: FieldTerms, field: string): MatchedCondition {
    const u = e.unit;
    const hit = matchField(terms, u);
    const listed = u.fields.length ? `支持领域：${u.fields.join('、')}` : `${u.name ?? e.meta.title}的支持方向`;
    const base = { kind: 'field' as const, text: listed, requirement: '属于支持领域', compared: field, soft: false, inferred: false, sources: u.sources };
    if (hit) return { ...base, status: 'met', note: `匹配：${hit.matched.join('、')}` };
    if (u.fields.length) return { ...base, status: 'not_met', note: `“${field}”不在所列领域` };
    return { ...base, status: 'unknown', note: `文件未列出领域，也未提及“${field}”` };
  }

  private category(e: Entry, group: string, terms: FieldTerms | null, field: string | undefined): MatchedCondition {
    const ns = groupNames(group);
    const cats = e.unit.categories.filter((c) => ns.some((n) => sameName(c.name, n)));
    const text = cats.length ? cats.map((c) => c.vocabulary).join('\n') : group;
    const base = { kind: 'category' as const, text, requirement: `项目属于${group}`, compared: field ?? null, soft: false, inferred: false,
      sources: cats.flatMap((c) => c.sources) };
    if (!terms) return { ...base, status: 'unknown', note: `按${group}申报时适用；未填写领域` };
    if (this.inGroup(e, group, terms)) return { ...base, status: 'met', note: null };
    return { ...base, status: 'unknown', note: `未能从“${field}”判断是否属于${group}` };
  }
}

export function buildMatchIndex(src: MatchSource): MatchIndex {
  return new MatchIndex(src);
}
