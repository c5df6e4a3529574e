// Heading and item markers of Chinese government documents, read at the start of a line:
// 第X编 / 第X章 / 第X节 / 第X条, 一、, （一） (also "(一）", "（ 一 ）"), 1.1, 1. / 1．, 1、, （1）, ①,
// 附件N, 专栏N / 专栏N.M, 表N, and items whose "．" was lost in PDF text ("１深化改革").

export type MarkerType =
  | 'bian' // 第一编
  | 'zhang' // 第一章
  | 'jie' // 第一节
  | 'tiao' // 第一条
  | 'attach' // 附件1
  | 'chapter' // 一、
  | 'paren_cn' // （一）
  | 'dec' // 5.1
  | 'num' // 1. / 1．
  | 'num_dun' // 1、
  | 'num_bare' // 1深化改革 (PDF lost the point)
  | 'paren_num' // （1）
  | 'circled'; // ①

export interface Marker {
  type: MarkerType;
  /** The number the marker carries (①=1, 十二=12, 第四十七条=47; for dec the part after the point). */
  n: number;
  /** Marker as the source wrote it, e.g. "（一）", "3. ", "第一条 ". */
  raw: string;
  /** Marker without internal/trailing spaces, e.g. "3.", "（4）", "第一条". */
  clean: string;
  /** Index in the line where the marker's following text starts (spaces after the marker skipped). */
  restAt: number;
}

const CN_DIGITS: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

/** Chinese numeral up to 999: 一, 十, 十二, 二十三, 一百零五, 一百二十. NaN when not a numeral. */
export function cnNumber(s: string): number {
  if (!s) return NaN;
  let total = 0;
  let rest = s;
  const hundred = rest.indexOf('百');
  if (hundred >= 0) {
    const h = hundred === 0 ? 1 : CN_DIGITS[rest.slice(0, hundred)];
    if (h === undefined || hundred > 1) return NaN;
    total += h * 100;
    rest = rest.slice(hundred + 1).replace(/^[零〇]/, '');
    if (!rest) return total;
  }
  const ten = rest.indexOf('十');
  if (ten >= 0) {
    const t = ten === 0 ? 1 : CN_DIGITS[rest.slice(0, ten)];
    if (t === undefined || ten > 1) return NaN;
    total += t * 10;
    rest = rest.slice(ten + 1);
    if (!rest) return total;
  }
  if (rest.length !== 1) return NaN;
  const d = CN_DIGITS[rest];
  return d === undefined ? NaN : total + d;
}

export const CN_NUM = '[一二三四五六七八九十百零〇两]+';
/** ① to ⑳ as an array: an empty line's `line[0]` (undefined) is not found, where a string's indexOf('') is 0. */
const CIRCLED = [...'①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳'];
/** Units and words after a number that make it a figure, not an item number ("2020年", "３个", "50%"). */
const FIGURE_AFTER = '％%年月日号时分秒万亿千百个家件人位项次名元米吨度倍岁批期届类种所台套座条款章节级层';

/** Units that make "9.10万吨" item 9 with a figure rather than heading 9.10. */
const DEC_FIGURE_UNIT = '％%万亿千百吨元米倍家个年月日';

const MARKER_RES: Array<[MarkerType, RegExp]> = [
  ['bian', new RegExp(`^第\\s*(${CN_NUM})\\s*编(?![制辑写者])\\s*`)],
  ['zhang', new RegExp(`^第\\s*(${CN_NUM})\\s*章\\s*`)],
  ['jie', new RegExp(`^第\\s*(${CN_NUM})\\s*节(?![约能省日])\\s*`)],
  ['tiao', new RegExp(`^第\\s*(${CN_NUM})\\s*条(?![例件款])\\s*`)],
  ['attach', /^附\s*件\s*([0-9０-９]+)(?=$|[\s：:、.．，,]|[^0-9０-９])[\s：:、.．]*/],
  ['chapter', new RegExp(`^(${CN_NUM})\\s*[、．.](?![0-9])\\s*`)],
  ['paren_cn', new RegExp(`^[（(]\\s*(${CN_NUM})\\s*[）)]\\s*`)],
  // "12.1支出预算明细表" is a decimal heading; "9.10万吨/年…" is item 9 opening with a figure.
  ['dec', new RegExp(`^([0-9０-９]{1,2})[.．]([0-9０-９]{1,2})(?![0-9０-９.．${DEC_FIGURE_UNIT}])\\s*`)],
  ['num', new RegExp(`^([0-9０-９]{1,2})\\s*[.．](?:(?![0-9０-９.．])|(?=[0-9０-９]{1,4}(?:[.．][0-9０-９]+)?[${DEC_FIGURE_UNIT}]))\\s*`)],
  ['num_dun', /^([0-9０-９]{1,2})\s*、\s*/],
  ['paren_num', /^[（(]\s*([0-9０-９]{1,2})\s*[）)]\s*/],
  ['num_bare', new RegExp(`^([0-9０-９]{1,2})(?=[\\p{Script=Han}])(?![${FIGURE_AFTER}])`, 'u')],
];

/** Read a heading/item marker at the start of a (trimmed) line. */
export function parseMarker(line: string): Marker | null {
  for (const [type, re] of MARKER_RES) {
    const m = re.exec(line);
    if (!m) continue;
    let n: number;
    if (type === 'dec') n = Number(m[2].normalize('NFKC'));
    else if (/^[0-9０-９]+$/.test(m[1])) n = Number(m[1].normalize('NFKC'));
    else n = cnNumber(m[1]);
    if (!Number.isFinite(n) || n <= 0) continue;
    // "一、" chapter markers carry at most 二十九 in practice; "十年来、" is prose.
    if (type === 'chapter' && n > 40) continue;
    // A full stop after a Chinese numeral is a chapter marker only when a title follows directly.
    let clean = m[0].replace(/\s+/g, '');
    // Mismatched brackets from extraction ("(一）", "（一)") are repaired to the full-width pair.
    if ((type === 'paren_cn' || type === 'paren_num') && /^[（(].*[）)]$/.test(clean) && (clean[0] === '(') !== (clean.at(-1) === ')')) {
      clean = `（${clean.slice(1, -1)}）`;
    }
    return { type, n, raw: m[0], clean, restAt: m[0].length };
  }
  const c = CIRCLED.indexOf(line[0]);
  if (c >= 0) {
    let restAt = 1;
    while (restAt < line.length && /\s/.test(line[restAt])) restAt++;
    return { type: 'circled', n: c + 1, raw: line.slice(0, restAt), clean: line[0], restAt };
  }
  return null;
}

export interface ZhuanlanMarker {
  /** Normalized number: "18", "3.1". */
  no: string;
  /** Title after the number, trimmed. */
  title: string;
}

/** 专栏 heading: "专栏１８　新能源产业创新重点", "专栏3.1  科技创新平台建设", "专栏 2：…". Not "服务专栏". */
export function parseZhuanlan(line: string): ZhuanlanMarker | null {
  const m = /^专栏\s*([0-9０-９]{1,2}(?:[.．][0-9０-９]{1,2})?)(?![0-9０-９])[\s\u3000：:]*(.*)$/.exec(line);
  if (!m) return null;
  if (m[2].length > 40 || /[。；;]/.test(m[2])) return null;
  return { no: m[1].normalize('NFKC').replace('．', '.'), title: m[2].replace(/^[\s\u3000]+|[\s\u3000]+$/g, '') };
}

/** Table caption: "表1 …", "表１　“十四五”时期…", "表2-1：…". */
export const TABLE_CAPTION = /^表\s*[0-9０-９]+(?:[-—－.．][0-9０-９]+)?(?=[\s\u3000：:]|$|[\p{Script=Han}“"])/u;

/** True when a line opens a heading or item (not counting lost-point items): it never continues the line before. */
export function startsStructure(line: string): boolean {
  const m = parseMarker(line);
  return (!!m && m.type !== 'num_bare') || !!parseZhuanlan(line) || TABLE_CAPTION.test(line);
}

/** The item reading of a decimal marker: "2.12μm HDI铜箔…" is item 2 opening with a figure, not heading 2.12. */
export function decAsItem(line: string, m: Marker): Marker | null {
  if (m.type !== 'dec') return null;
  const d = /^([0-9０-９]{1,2})\s*[.．]/.exec(line);
  if (!d) return null;
  return { type: 'num', n: Number(d[1].normalize('NFKC')), raw: d[0], clean: d[0].replace(/\s+/g, ''), restAt: d[0].length };
}
