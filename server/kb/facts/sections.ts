// What a record's section path says about it, for the condition rules and the programme units:
// which programme (专项 / 计划 / 项目 / 专题) it belongs to, and whether it sits in a section that states
// conditions (申报条件, 申报要求, 申报对象, 认定条件…) or in one that never does (支持方式, 联系方式…).

import type { DocumentMeta, KbRecord } from '../types.ts';
import { normalize } from '../normalize.ts';

/** "一、", "（二）", "1.", "（3）", "①", "第三章", "第十一条", "附件1" at the start of a heading. */
const MARKER = /^(?:第[一二三四五六七八九十百零\d]+[章节条编]|附件\s*\d+|[一二三四五六七八九十]+\s*[、.．]|[（(]\s*[一二三四五六七八九十\d]+\s*[）)]|\d+(?:\.\d+)+(?!\d)|\d+\s*[、.．](?!\d)|[①-⑳])\s*/;

/** A heading without its number, normalized: "（二）申报要求" → "申报要求". */
export function sectionName(heading: string): string {
  return normalize(heading).replace(MARKER, '').replace(/[:：]$/, '');
}

/** The application form carried as an attachment (申报书) and its instructions: no programme, no condition. */
const FORM_SECTION = /申报书|申请书|申请表|申报表|编写说明|填报说明/;

export function inFormSection(r: KbRecord): boolean {
  return r.section.some((s) => FORM_SECTION.test(sectionName(s)));
}

/** A section that lists or describes fields ("重点支持技术领域", "支持方向", "支持重点"). */
export function isSupportSection(name: string): boolean {
  return /领域|方向|重点/.test(sectionName(name));
}

const CONDITION_SECTION = /申报条件|申报要求|申报对象|申请条件|认定条件|基本条件|资格条件|人才条件|团队条件|项目条件|申报范围|不予受理|不得申报|不能申报/;
/** Sections that never state who may apply: how money is paid, whom to call, what to hand in. */
const NON_CONDITION_SECTION = /支持方式|资助方式|联系方式|扶持措施|监督|申报材料|材料要求|材料报送|申报书|编写说明|申报时间|申报时限|申报方式|受理部门|优先/;
/** Sections of items that are not conditions even inside a 申报要求 section. */
const PRIORITY_SECTION = /优先/;

export function inConditionSection(r: KbRecord): boolean {
  const names = r.section.map(sectionName);
  return names.some((n) => CONDITION_SECTION.test(n)) && !names.some((n) => PRIORITY_SECTION.test(n));
}

/** A section that never states conditions (and is not inside a condition section). */
export function inNonConditionSection(r: KbRecord): boolean {
  if (inConditionSection(r)) return false;
  return r.section.map(sectionName).some((n) => NON_CONDITION_SECTION.test(n));
}

/** An exclusion list: items under "以下项目不属于申报范围", "不予受理"… */
export const EXCLUSION_SECTION = /不属于申报范围|不予受理|不得申报|不能申报/;

const ATTACHMENT_GUIDE = /^(?:\d{4}年度?)?(?:[^\s]{2,4}?[市区县省])?(.+?(?:专项计划|专项|计划))(?:项目)?申报指南$/;
const PROGRAMME_END = /(?:专项计划|专项|计划|项目|专题)$/;
const NOT_PROGRAMME = /以下|符合|不属于|优先|申报书|条件|要求|指南|通知|范围/;

/**
 * The programme a heading names, or null: "一、市级重大科技专项" → 市级重大科技专项, an attachment title
 * "2024年西宁市重大科技专项申报指南" → 重大科技专项, a 专题 the document lists (`topics`). The document's
 * own title is no programme.
 */
export function programmeName(heading: string, meta: Pick<DocumentMeta, 'title'>, topics: ReadonlySet<string> = new Set()): string | null {
  const name = sectionName(heading);
  if (!name || name === normalize(meta.title)) return null;
  if (topics.has(name)) return name;
  const guide = ATTACHMENT_GUIDE.exec(name);
  if (guide) return guide[1];
  if (name.length > 24 || !PROGRAMME_END.test(name) || NOT_PROGRAMME.test(name)) return null;
  return name;
}

/** Programmes along a record's section path, outermost first. */
export function programmesOf(r: KbRecord, meta: Pick<DocumentMeta, 'title'>, topics?: ReadonlySet<string>): string[] {
  const out: string[] = [];
  for (const s of r.section) {
    const p = programmeName(s, meta, topics);
    if (p && !out.includes(p)) out.push(p);
  }
  return out;
}

/** "分为3个专题申报：创新创业团队、创新人才和创业人才" → the 专题 names. */
export function topicsIn(records: KbRecord[]): Set<string> {
  const out = new Set<string>();
  for (const r of records) {
    const m = /分为(?:\d+|[一二三四五六七八九十]+)(?:个|类)(?:专题|类别|方向|类型)?(?:申报|进行申报)?:([^。;]+)/.exec(r.norm);
    if (!m) continue;
    for (const t of m[1].split(/、|和|及|与/)) {
      const name = t.replace(/等$/, '').trim();
      if (name.length >= 2 && name.length <= 12) out.add(name);
    }
  }
  return out;
}
