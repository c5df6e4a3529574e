// Chinese labels and fixed orders shared by the pages.
import type { DocKind, JurisdictionLevel, RecordKind, SearchMode, ZhuanlanRef } from '../../server/kb/types.ts';

/** Order of jurisdiction levels in every list (filter, compare columns, 受理查询); unknown levels last. */
export const LEVEL_ORDER: readonly JurisdictionLevel[] = ['national', 'province', 'city', 'new_area', 'district'];

const levelRank = (level: string): number => {
  const i = (LEVEL_ORDER as readonly string[]).indexOf(level);
  return i < 0 ? LEVEL_ORDER.length : i;
};

/** Jurisdictions by level, then by name (Chinese collation: 东莞市 before 兰州市 before 西宁市). */
export function compareJurisdictions(a: { name: string; level: string }, b: { name: string; level: string }): number {
  return levelRank(a.level) - levelRank(b.level) || a.name.localeCompare(b.name, 'zh-Hans-CN') || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
}

export const MODE_LABELS: Record<SearchMode, string> = {
  hybrid: '综合',
  keyword: '关键词',
  vector: '语义',
};
export const MODES: SearchMode[] = ['hybrid', 'keyword', 'vector'];

export const DOC_KIND_LABELS: Record<DocKind, string> = {
  call: '申报通知',
  guide: '申报指南',
  plan: '规划',
  measures: '管理办法',
  regulation: '条例',
  policy: '政策措施',
  notice: '通知',
};

export const RECORD_KIND_LABELS: Record<RecordKind, string> = {
  clause: '条款',
  heading: '标题',
  zhuanlan_item: '专栏条目',
  table_row: '表格行',
  contact: '联系方式',
  form_field: '表单字段',
};
export const RECORD_KINDS = Object.keys(RECORD_KIND_LABELS) as RecordKind[];

export const LOST_DECIMAL_NOTE = '原文PDF提取时小数点丢失，数值请以原件为准';

/** Server time for display: "<1" rather than a misleading 0 for cached answers. */
export function formatMs(ms: number): string {
  return ms < 1 ? '<1' : String(Math.round(ms));
}

export function docKindLabel(kind: string): string {
  return (DOC_KIND_LABELS as Record<string, string>)[kind] ?? kind;
}

export function recordKindLabel(kind: string): string {
  return (RECORD_KIND_LABELS as Record<string, string>)[kind] ?? kind;
}

/** "专栏18 新能源产业创新重点": number normalized, title as the source wrote it. */
export function zhuanlanLabel(z: ZhuanlanRef): string {
  return `专栏${z.no} ${z.title}`.trim();
}

/** Example queries per audience, shown on the empty search page and in the no-result state. */
export const EXAMPLES: { audience: string; hint: string; queries: string[] }[] = [
  { audience: '申报单位', hint: '哪类项目支持我的方向？', queries: ['氢能 储能', '研发费用 后补助', '申报截止时间'] },
  { audience: '科技局工作人员', hint: '哪个科室受理、找谁联系？', queries: ['新材料项目由哪个科室受理', '生物医药 联系人', '现代种业 受理'] },
  { audience: '研究人员', hint: '同一技术方向在各地的布局', queries: ['钍基熔盐堆', '人工智能', '黄河流域 生态保护'] },
];
