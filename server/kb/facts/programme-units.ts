// The programmes of a document one applies to (issue 12): every 专项 / 计划 / 项目 / 专题 its headings or
// attachment titles name (sections.ts), nested as the document nests them, or the whole document when
// it names none. Each unit carries what a profile's field is matched against: its text, the fields it
// names (acceptance rows, 领域 headings and paragraphs) and its sub-kinds ("农业领域…", "工业领域…").

import type { KbRecord } from '../types.ts';
import type { AcceptanceRow, ProgrammeUnit } from './types.ts';
import type { Outline } from './structure.ts';
import { inFormSection, isSupportSection, programmeName, programmesOf, sectionName, topicsIn } from './sections.ts';

/** Characters of a unit's text kept for field matching. */
const VOCABULARY_CAP = 4000;
/** "农业领域重点围绕…", "（1）新材料领域，…": a field paragraph (or heading) and its name. */
const FIELD_LINE = /^([^，,。：:；;\s（(]{1,12}?)领域(?=[，,。：:]|重点|紧盯|$)/;

export function programmeUnits(o: Outline, acceptance: AcceptanceRow[]): ProgrammeUnit[] {
  const meta = o.doc.meta;
  const seen = new Set<string>();
  const records: KbRecord[] = [];
  for (const p of o.paras) for (const r of p.records) {
    if (seen.has(r.id) || r.kind === 'form_field' || inFormSection(r)) continue;
    seen.add(r.id);
    records.push(r);
  }
  const topics = topicsIn(records);
  const base = { docId: meta.id, jurisdiction: meta.jurisdiction.name };

  // every programme path, in order of first appearance; a record belongs to the innermost one
  const paths = new Map<string, string[]>();
  const recordsOf = new Map<string, KbRecord[]>();
  for (const r of records) {
    const progs = programmesOf(r, meta, topics);
    for (let k = 1; k <= progs.length; k++) {
      const key = progs.slice(0, k).join('›');
      if (!paths.has(key)) { paths.set(key, progs.slice(0, k)); recordsOf.set(key, []); }
      recordsOf.get(key)!.push(r);
    }
  }
  // a 专题 the document lists without a heading of its own is still a unit
  for (const t of topics) if (![...paths.values()].some((p) => p.includes(t))) { paths.set(t, [t]); recordsOf.set(t, []); }

  const keys = [...paths.keys()];
  const leaves = keys.filter((k) => !keys.some((x) => x !== k && x.startsWith(`${k}›`)));
  const headingOf = (name: string, rs: KbRecord[]) =>
    rs.find((r) => r.kind === 'heading' && programmeName(r.section.at(-1) ?? '', meta, topics) === name);
  if (!leaves.length) return [unit(base, null, [], records, acceptance.filter((a) => a.docId === meta.id), undefined, meta.title)];
  return leaves.map((k) => {
    const path = paths.get(k)!;
    const name = path[path.length - 1];
    const rows = acceptance.filter((a) => a.docId === meta.id && a.programme !== null
      && (a.programme === name || a.programme.startsWith(`${name}·`)));
    const own = recordsOf.get(k)!;
    return unit(base, name, path.slice(0, -1), own, rows, headingOf(name, own));
  });
}

function unit(
  base: { docId: string; jurisdiction: string }, name: string | null, parents: string[], records: KbRecord[],
  rows: AcceptanceRow[], heading?: KbRecord, title = '',
): ProgrammeUnit {
  const fields: string[] = [];
  const categories: ProgrammeUnit['categories'] = [];
  for (const r of records) {
    const m = FIELD_LINE.exec(sectionName(r.text));
    if (!m || /^(?:重点|支持|相关|各|其他)/.test(m[1])) continue;
    if (!fields.includes(m[1])) fields.push(m[1]);
    // a field written as a paragraph right under a support section ("（一）重点支持技术领域 / 农业领域重点
    // 围绕…") is a sub-kind with its own description; one inside a field's own text is not
    const within = r.section[r.section.length - 1] ?? '';
    if (r.kind !== 'heading' && isSupportSection(within) && !categories.some((c) => c.name === m[1])) {
      categories.push({ name: m[1], vocabulary: r.text, sources: [r.id] });
    }
  }
  // a programme accepted as a whole is its own "field" in the acceptance rows ("兰白科技创新"): no field list
  for (const row of rows) if (row.field !== '*' && !name?.startsWith(row.field) && !fields.includes(row.field)) fields.push(row.field);
  const text = records.map((r) => r.text).join('\n');
  return {
    ...base, name, parents, fields, categories,
    vocabulary: `${name ?? title}\n${text}`.slice(0, VOCABULARY_CAP),
    sources: heading ? [heading.id] : [],
  };
}
