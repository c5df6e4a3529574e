// Who accepts what: rules over the outline of one call. Each rule reads one way these documents state
// acceptance; the row keeps the ids of every record it rests on (the acceptance clause, the field's
// own paragraph, the contact lines).
//
//   R1 "X专项由Y科负责受理" / "企业申报的项目由A、B、C按各自分管领域分别负责受理"      (兰州 2022)
//   R2 "项目受理联系人：（1）A、B、C类：人名"                                          (城关 2020)
//   R3 "N.某某科 / 负责A、B、C等领域… / 联系人：… / 联系电话：…"                        (西宁 2024 附件2)
//   R4 "管理科室：A科（电话） B科（电话） / 联系人：甲 乙" over the attachment's fields   (西宁 2024 附件1/3/4);
//      offices named jointly stay joint (one row naming both, with both contacts): an attachment's fields
//      are routed to one office only by 负责 lists of the same attachment, never borrowed from another
//   R5 "（X类科技项目由Y负责项目申报、评审工作）" inside a field overrides R4 for that field
//   R6 "项目受理单位：… 联系人：… 地址：…", "项目管理科室：…": rows for every field ("*")
//   R7 only a contact section naming an office ("联系人：市经信局企业促进科 王国伟"): one row for the
//      whole call, inferred unless the call says materials go there (contact-rules.ts)

import type { AcceptanceRole, AcceptanceRow } from './types.ts';
import { normalize } from '../normalize.ts';
import { callWideRows } from './contact-rules.ts';
import {
  cite, coverage, description, dice, ids, isGroupHeading, subtree,
  type Head, type Outline, type Para, type Scope,
} from './structure.ts';

type Draft = Omit<AcceptanceRow, 'id' | 'docId' | 'jurisdiction' | 'year'>;

const OFFICE = '[\\u4e00-\\u9fa5]{2,24}?(?:科|中心|委员会|局|办公室)';
// A mobile number is tried first and no number may start or end inside a longer run of digits
// (otherwise 13912345678 would be read as the landline 13912345).
/** A phone number as calls write it: a mobile number whole, else a landline with its optional area code. */
const PHONE_NUMBER = String.raw`1[3-9]\d{9}|(?:0\d{2,3}-)?\d{7,8}`;
const PHONE = new RegExp(`(?<!\\d)(?:${PHONE_NUMBER})(?!\\d)`, 'g');
/** An R6 contact line under 项目受理单位: "联系人：甲乙 0971-1234567" (or a mobile number). */
const CONTACT_LINE = new RegExp(String.raw`^\s*(?:联\s*系\s*人\s*[：:])?\s*([\u4e00-\u9fa5]{2,4})\s+(${PHONE_NUMBER})\s*$`);
const uniq = <T>(xs: T[]): T[] => [...new Set(xs)];
/** Share of a field name's bigrams that must appear in an office's 负责 list to route the field there. */
const MIN_NAME_COVERAGE = 0.5;

/** "冶启元  李  雪" → [冶启元, 李雪]: single characters spaced out for alignment belong together. */
export function parseNames(text: string): string[] {
  const tokens = text.replace(/[，,、;；]/g, ' ').split(/\s+/).filter(Boolean);
  const out: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (/^[\u4e00-\u9fa5]$/.test(t) && /^[\u4e00-\u9fa5]$/.test(tokens[i + 1] ?? '')) {
      out.push(t + tokens[i + 1]);
      i++;
    } else if (/^[\u4e00-\u9fa5]{2,4}$/.test(t)) out.push(t);
  }
  return out;
}

export function parsePhones(text: string): string[] {
  return uniq(normalize(text).replace(/[－—–]/g, '-').match(PHONE) ?? []);
}

/** "新材料领域" → "新材料", "引进外国专家专项" → "引进外国专家", "医疗卫生类" → "医疗卫生". */
export function fieldName(name: string): string {
  return name.replace(/[：:。，,]$/, '').replace(/(领域|专项|类)$/, '').trim() || name;
}

const text = (paras: Para[]): string => paras.map((p) => p.text).join('\n');

/** The nearest enclosing heading that names a 专项 / 计划, else the attachment's programme. */
function programmeHead(p: Para): Head | null {
  for (let i = p.path.length - 1; i >= 0; i--) if (/(专项|计划)$/.test(p.path[i].name)) return p.path[i];
  return null;
}

function programmeOf(o: Outline, p: Para): string | null {
  return programmeHead(p)?.name ?? o.scopes.find((s) => s.no === p.scope)?.programme ?? null;
}

interface FieldRef {
  name: string;
  paras: Para[];
}

const FIELD_PARA = /^(?:[（(]\s*\d+\s*[）)]\s*)?([^，,。：:；\s（(]{1,12}?领域)(?=[，,。：:]|重点|紧盯|$)/;

/** Field paragraphs under a programme: "（1）新材料领域，…", "农业领域重点围绕…". */
function fieldsUnder(o: Outline, head: Head): FieldRef[] {
  const out: FieldRef[] = [];
  for (const p of subtree(o, head)) {
    const m = FIELD_PARA.exec(p.text.trim());
    if (!m || /^(重点|支持)/.test(m[1])) continue;
    out.push({ name: fieldName(m[1]), paras: p.head ? description(o, p.head) : [p] });
  }
  return out;
}

/** Leaf headings of the support sections of a scope (支持重点 / 支持方向 / 申报指南). */
function leafFields(o: Outline, scope: Scope, sectionRe: RegExp): FieldRef[] {
  const out: FieldRef[] = [];
  for (const p of scope.paras) {
    if (!p.head || p.head.level === 1) continue;
    const top = p.path.find((h) => h.level === 1);
    if (!top || !sectionRe.test(top.name)) continue;
    if (isGroupHeading(o, p.head)) continue;
    out.push({ name: p.head.name, paras: description(o, p.head) });
  }
  return out;
}

function findHeadByName(o: Outline, scope: number, name: string, near?: Head): Head | null {
  let best: Head | null = null;
  let bestScore = 0;
  for (const p of o.paras) {
    if (!p.head || p.scope !== scope || !/(专项|计划)$/.test(p.head.name)) continue;
    let s = dice(p.head.name, name);
    // prefer the programme inside the same top-level section as the clause
    if (near && p.path[0] === near) s += 0.05;
    if (s > bestScore) { bestScore = s; best = p.head; }
  }
  return bestScore >= 0.6 ? best : null;
}

function row(d: Partial<Draft> & Pick<Draft, 'field' | 'office' | 'sources'>): Draft {
  return {
    programme: null, applicant: null, role: 'accept', contacts: [], phones: [], address: null,
    vocabulary: '', inferred: false, ...d, sources: uniq(d.sources),
  };
}

// ---- R1 -----------------------------------------------------------------------------------------

interface Division { programme: Head; offices: string[]; applicant: string | null; src: string[] }

function r1(o: Outline, scope: Scope, rows: Draft[], divisions: Division[]): void {
  const re = new RegExp(`^(.*?)由((?:${OFFICE}、?)+?)(按各自分管领域分别)?负责受理`);
  for (const p of scope.paras) {
    // "企业申报的项目由…负责受理,高等院校…申报的项目由成果科负责受理": one clause per 负责受理
    for (const clause of p.text.split(/[；;。]|(?<=负责受理)[，,]/)) {
      const m = re.exec(clause.trim());
      if (!m) continue;
      const subject = m[1].replace(/^[，,\s]+/, '').trim();
      const offices = m[2].split('、').filter(Boolean);
      const src = cite(p, clause.trim().slice(0, 30));
      const ctx = programmeHead(p);
      const applicantM = /^(.+?)申报的项目$/.exec(subject);
      const applicant = applicantM ? applicantM[1] : null;
      let heads: Head[] = [];
      if (!subject || applicant) heads = ctx ? [ctx] : [];
      else heads = subject.split('、').map((n) => findHeadByName(o, scope.no, n, p.path[0])).filter((h): h is Head => !!h);
      for (const h of heads) {
        if (m[3] && offices.length > 1) {
          divisions.push({ programme: h, offices, applicant, src });
          continue;
        }
        const progText = text(subtree(o, h));
        const fields = applicant ? [] : fieldsUnder(o, h);
        const programme = h.name;
        if (fields.length) {
          for (const f of fields) for (const office of offices) {
            rows.push(row({ programme, field: f.name, office, applicant, vocabulary: text(f.paras),
              sources: [...src, ...ids(f.paras)] }));
          }
        } else for (const office of offices) {
          rows.push(row({ programme, field: applicant ? '*' : fieldName(programme), office, applicant,
            vocabulary: `${programme}\n${o.paras[h.para].text}\n${progText}`,
            sources: [...src, ...o.paras[h.para].records.map((r) => r.id)] }));
        }
      }
    }
  }
}

/** "按各自分管领域分别负责受理": each field goes to the office whose own programmes it most resembles. */
function resolveDivisions(o: Outline, rows: Draft[], divisions: Division[]): void {
  for (const d of divisions) {
    // An office's own domain: the programmes and fields the document names it for elsewhere.
    const names = new Map(d.offices.map((off) => [off, uniq(rows.filter((r) => r.office === off && !r.inferred)
      .flatMap((r) => [r.field, fieldName(r.programme ?? '')]).filter((n) => n.length >= 2 && n !== '*'))]));
    for (const f of fieldsUnder(o, d.programme)) {
      const fieldText = text(f.paras);
      const scored = d.offices.map((off) => {
        const own = names.get(off) ?? [];
        // the field's name in the office's names ("社会发展" ~ 社会发展专项), then office fields named in the field's text
        const s = 2 * coverage(f.name, own.join('、')) + own.filter((n) => normalize(fieldText).includes(normalize(n))).length;
        return { off, s };
      }).sort((a, b) => b.s - a.s);
      const chosen = scored[0].s > 0 ? [scored[0].off] : d.offices;
      for (const office of chosen) {
        rows.push(row({ programme: d.programme.name, field: f.name, office, applicant: d.applicant,
          vocabulary: text(f.paras), inferred: true, sources: [...d.src, ...ids(f.paras)] }));
      }
    }
  }
}

// ---- R2 -----------------------------------------------------------------------------------------

function r2(o: Outline, scope: Scope, rows: Draft[]): void {
  const start = scope.paras.findIndex((p) => /受理联系人/.test(p.norm));
  if (start < 0) return;
  const items: Array<{ p: Para; fields: string[]; people: string[]; raw: string }> = [];
  for (const p of scope.paras.slice(start, start + 8)) {
    const re = /[（(](\d+)[）)]([^（(：:]+?)[：:]([\u4e00-\u9fa5、，,]{2,20}?)(?=[（(]|$)/g;
    let m: RegExpExecArray | null;
    let any = false;
    while ((m = re.exec(p.norm))) {
      any = true;
      const fields = m[2].replace(/类$/, '').split('、').map((f) => f.trim()).filter(Boolean);
      items.push({ p, fields, people: m[3].split(/[、，,]/).filter(Boolean), raw: m[0] });
    }
    if (!any && p !== scope.paras[start]) break;
  }
  if (!items.length) return;
  const all = scope.paras;
  const addrP = all.find((p) => /受理地点[：:]/.test(p.norm));
  const address = addrP ? addrP.text.replace(/^.*?受理地点\s*[：:]\s*/, '').trim() : null;
  const phoneP = all.find((p) => /咨询电话[：:]/.test(p.norm));
  const phones = phoneP ? parsePhones(phoneP.norm.replace(/^.*?咨询电话[：:]/, '')) : [];
  const issuer = o.doc.meta.issuer;
  const issuerP = [...all].reverse().find((p) => p.norm === normalize(issuer));
  for (const it of items) {
    for (const f of it.fields) {
      const nf = normalize(f);
      const listed = new Set(items.map((x) => x.p));
      const heads = o.paras.filter((p) => p.head && !listed.has(p) && p.index < items[0].p.index);
      const h = heads.find((p) => normalize(fieldName(p.head!.name)) === nf)?.head
        ?? heads.find((p) => new RegExp(`^[（(]\\d+[）)]${nf}`).test(p.norm))?.head;
      const paras = h ? description(o, h) : o.paras.filter((p) => p.norm.includes(normalize(f)) && p !== it.p).slice(0, 1);
      const at = h ? o.paras[h.para] : paras[0];
      const path = at ? at.path.filter((x) => x.level > 1 && x !== h).map((x) => x.name) : [];
      rows.push(row({
        programme: path.length ? path.join('·') : null, field: f, office: issuer,
        contacts: it.people, phones, address, vocabulary: text(paras),
        sources: [...cite(it.p, it.raw), ...ids(paras), ...(addrP ? addrP.records.map((r) => r.id) : []),
          ...(phoneP ? phoneP.records.map((r) => r.id) : []), ...(issuerP ? issuerP.records.map((r) => r.id) : [])],
      }));
    }
  }
}

// ---- R3 -----------------------------------------------------------------------------------------

interface Duty { office: string; fields: string[]; vocab: string; contacts: string[]; phones: string[]; src: string[]; scope: number }

function contactLines(paras: Para[]): { contacts: string[]; phones: string[]; src: string[] } {
  const contacts: string[] = [];
  const phones: string[] = [];
  const src: string[] = [];
  for (const p of paras) {
    const c = /联\s*系\s*人\s*[：:](.*)$/.exec(p.text);
    const t = /联系电话\s*[：:](.*)$/.exec(p.text);
    if (!c && !t) break;
    if (c) contacts.push(...parseNames(c[1].replace(/[\d-]+/g, ' ')));
    if (c) phones.push(...parsePhones(c[1]));
    if (t) phones.push(...parsePhones(t[1]));
    src.push(...p.records.map((r) => r.id));
  }
  return { contacts: uniq(contacts), phones: uniq(phones), src };
}

function r3(o: Outline, scope: Scope, rows: Draft[], duties: Duty[]): void {
  const ps = scope.paras;
  for (let i = 0; i < ps.length; i++) {
    const m = /^负责(.+?)等?领域/.exec(ps[i].norm);
    if (!m) continue;
    const prev = ps[i - 1];
    const office = prev?.head && new RegExp(`^${OFFICE}$`).test(prev.head.name) ? prev.head.name : null;
    if (!office) continue;
    const fields = m[1].replace(/等$/, '').split('、').filter(Boolean);
    const c = contactLines(ps.slice(i + 1, i + 4));
    const duty: Duty = { office, fields, vocab: ps[i].text, ...c, src: [...prev.records.map((r) => r.id), ...ps[i].records.map((r) => r.id), ...c.src], scope: scope.no };
    duties.push(duty);
  }
  if (!duties.some((d) => ps.some((p) => p.text === d.vocab))) return;
  const leaves = leafFields(o, scope, /支持(重点|方向)/);
  const covered = new Set<FieldRef>();
  const programme = scope.programme;
  for (const d of duties.filter((d) => ps.some((p) => p.text === d.vocab))) {
    for (const f of d.fields) {
      const leaf = leaves.find((l) => dice(l.name, f) >= 0.75 || normalize(l.name) === normalize(f));
      if (leaf) covered.add(leaf);
      // "负责…领域的…项目组织立项工作": the office manages these fields (materials go to the 受理单位, R6)
      rows.push(row({ programme, field: f, office: d.office, role: 'manage', contacts: d.contacts, phones: d.phones,
        vocabulary: leaf ? text(leaf.paras) : f, sources: [...d.src, ...(leaf ? ids(leaf.paras) : [])] }));
    }
  }
  // fields of the guide that no 负责 list names: the office whose list they most resemble
  for (const leaf of leaves.filter((l) => !covered.has(l))) {
    const fieldText = `${leaf.name} ${text(leaf.paras)}`;
    const scored = duties.map((d) => ({ d, s: coverage(leaf.name, d.fields.join('、')) + coverage(fieldText, d.vocab) / 100 }))
      .sort((a, b) => b.s - a.s);
    if (!scored.length || scored[0].s < MIN_NAME_COVERAGE) continue;
    const d = scored[0].d;
    rows.push(row({ programme, field: leaf.name, office: d.office, role: 'manage', contacts: d.contacts, phones: d.phones,
      vocabulary: text(leaf.paras), inferred: true, sources: [...d.src, ...ids(leaf.paras)] }));
  }
}

// ---- R4 + R5 ------------------------------------------------------------------------------------

function r4(o: Outline, scope: Scope, rows: Draft[], duties: Duty[]): void {
  const ps = scope.paras;
  const i = ps.findIndex((p) => /^管理科室[：:]/.test(p.norm));
  if (i < 0) return;
  const offices: Array<{ office: string; phone: string | null }> = [];
  const src: string[] = [];
  let j = i;
  for (; j < ps.length; j++) {
    const body = ps[j].norm.replace(/^管理科室[：:]/, '');
    if (j > i && !new RegExp(`^${OFFICE}[（(]?(?:0\\d{2,3}-)?\\d{7,8}`).test(body)) break;
    // an office is followed by its phone (or ends the line): "A科（0971-…）", "市科技局农社科0971-…"
    const re = new RegExp(`(${OFFICE})(?:[（(]?(${PHONE_NUMBER})[）)]?|$)`, 'g');
    let m: RegExpExecArray | null;
    while ((m = re.exec(body))) offices.push({ office: m[1], phone: m[2] ?? null });
    src.push(...ps[j].records.map((r) => r.id));
  }
  // "市科技局农社科" is one office named with its bureau
  const merged: typeof offices = [];
  for (const x of offices) {
    const last = merged[merged.length - 1];
    if (last && /局$/.test(last.office) && !last.phone) merged[merged.length - 1] = { office: last.office + x.office, phone: x.phone };
    else merged.push(x);
  }
  if (!merged.length) return;
  const c = contactLines(ps.slice(j, j + 2));
  src.push(...c.src);
  const people = merged.length === c.contacts.length ? merged.map((_, k) => [c.contacts[k]]) : merged.map(() => c.contacts);

  let fields = leafFields(o, scope, /支持(重点|方向)/);
  if (!fields.length) {
    // "在锂电储能、光伏制造、新材料…等领域" lists in the support paragraphs
    for (const p of ps) {
      const top = p.path.find((h) => h.level === 1);
      if (!top || !/支持(重点|方向)/.test(top.name) || p.head) continue;
      const re = /(?:在|鼓励|面向)([^。；，]{2,80}?)等(?:重点)?领域/g;
      let m: RegExpExecArray | null;
      while ((m = re.exec(p.norm))) {
        for (const f of m[1].split('、')) if (f.length >= 2) fields.push({ name: f, paras: [p] });
      }
    }
  }
  const programme = scope.programme;
  for (const f of fields) {
    const desc = text(f.paras);
    // R5: an explicit exception inside the field's own text
    const ex = /[（(]?([^（(，。；]{2,10}?)类(?:科技)?项目由([^，。；）)]{2,20}?)负责([^。；）)]*)/.exec(desc);
    if (ex) {
      const p = f.paras.find((x) => x.text.includes(ex[0])) ?? f.paras[0];
      const role: AcceptanceRole = /评审|申报/.test(ex[3]) ? 'review' : 'accept';
      rows.push(row({ programme, field: f.name, office: ex[2], role, vocabulary: `${ex[1]} ${desc}`,
        sources: [...cite(p, ex[0]), ...ids(f.paras)] }));
      continue;
    }
    // 负责 lists of this attachment only: another attachment's split says nothing about this one's offices
    const ownDuties = duties.filter((d) => d.scope === scope.no);
    if (merged.length > 1 && !ownDuties.length) {
      // "管理科室：A科（电话） B科（电话） / 联系人：甲 乙": the document names both jointly; so does the row
      rows.push(row({ programme, field: f.name, office: merged.map((m) => m.office).join('、'), role: 'manage',
        contacts: c.contacts, phones: uniq(merged.map((m) => m.phone).filter((x): x is string => !!x)), vocabulary: desc,
        sources: [...src, ...ids(f.paras)] }));
      continue;
    }
    let chosen = merged.map((_, k) => k);
    let inferred = false;
    if (merged.length > 1) {
      const scored = merged.map((m, k) => {
        const own = ownDuties.filter((d) => dice(d.office, m.office) >= 0.8);
        const s = own.reduce((acc, d) => acc + coverage(f.name, d.fields.join('、')), 0);
        return { k, s };
      }).sort((a, b) => b.s - a.s);
      // one shared word ("生产", "技术") is not enough: half the name must be in the office's list
      if (scored[0].s >= MIN_NAME_COVERAGE && scored[0].s > (scored[1]?.s ?? 0)) chosen = [scored[0].k];
      inferred = true;
    }
    for (const k of chosen) {
      rows.push(row({ programme, field: f.name, office: merged[k].office, role: 'manage',
        contacts: people[k], phones: merged[k].phone ? [merged[k].phone!] : [], vocabulary: desc, inferred,
        sources: [...src, ...ids(f.paras)] }));
    }
  }
}

// ---- R6 -----------------------------------------------------------------------------------------

function r6(o: Outline, scope: Scope, rows: Draft[]): void {
  const ps = scope.paras;
  for (let i = 0; i < ps.length; i++) {
    const unitM = /项目受理单位\s*[：:]\s*(.+)$/.exec(ps[i].text);
    if (unitM) {
      const contacts: string[] = [];
      const phones: string[] = [];
      const src = ps[i].records.map((r) => r.id);
      let address: string | null = null;
      let unit = unitM[1].trim();
      let k = i + 1;
      // the unit list may wrap onto the next line: "…、西宁国家农业" + "科技园区服务中心"
      if (ps[k] && new RegExp(`^${OFFICE}$`).test(ps[k].norm) && !/[：:]/.test(ps[k].text)) {
        unit += ps[k].text.trim();
        src.push(...ps[k].records.map((r) => r.id));
        k++;
      }
      for (const p of ps.slice(k, k + 5)) {
        const c = CONTACT_LINE.exec(p.text);
        const a = /^\s*地\s*址\s*[：:]\s*(.+)$/.exec(p.text);
        if (c) { contacts.push(c[1]); phones.push(c[2]); }
        else if (a) address = a[1].trim();
        else break;
        src.push(...p.records.map((r) => r.id));
      }
      rows.push(row({ field: '*', office: unit, role: 'receive', contacts, phones, address,
        vocabulary: '', sources: src }));
    }
    if (/项目管理科室\s*[：:]?\s*$/.test(ps[i].text)) {
      for (const p of ps.slice(i + 1, i + 5)) {
        const m = new RegExp(`^\\s*(${OFFICE})\\s*[：:]\\s*(.+)$`).exec(p.text);
        if (!m) break;
        rows.push(row({ field: '*', office: m[1], role: 'manage', contacts: parseNames(m[2].replace(/[\d-]+/g, ' ')),
          phones: parsePhones(m[2]), vocabulary: '', sources: [...ps[i].records.map((r) => r.id), ...p.records.map((r) => r.id)] }));
      }
    }
  }
}

export function acceptanceRows(o: Outline): AcceptanceRow[] {
  const drafts: Draft[] = [];
  const duties: Duty[] = [];
  const divisions: Division[] = [];
  for (const scope of o.scopes) {
    r1(o, scope, drafts, divisions);
    r2(o, scope, drafts);
    r3(o, scope, drafts, duties);
    r6(o, scope, drafts);
  }
  resolveDivisions(o, drafts, divisions);
  // R4 runs last: it routes shared 管理科室 by the 负责 lists collected from every attachment.
  for (const scope of o.scopes) r4(o, scope, drafts, duties);
  // R7: no field split anywhere in the call, only a contact section naming an office
  if (!drafts.length) drafts.push(...callWideRows(o));
  const meta = o.doc.meta;
  return drafts.map((d, k) => ({
    id: `${meta.id}#acc${k + 1}`, docId: meta.id, jurisdiction: meta.jurisdiction.name, year: meta.year, ...d,
  }));
}

export { programmeOf };
