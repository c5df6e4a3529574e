// Deadlines: application windows that state only their end ("企业应于2016年12月31日17:30前在网上完成
// 预申报工作", "申报单位提交材料截止时间为2022年11月10日", "即日起至2030年3月9日", "网上申报于…截止").
// Patterns run on one normalized sentence (NFKC, whitespace removed, so "17：30" is "17:30"); a date
// counts only when the words around it say that something is submitted or applied for by then, so
// "年龄要求的计算截止时间为…" (a cut-off for computing ages), "截至2022年9月30日，企业…" (as of) and
// "2021年1月1日前引进的人才" (an eligibility condition) are not deadlines.

const DATE = '(\\d{4})年(\\d{1,2})月(\\d{1,2})日(?:[(（](?:星期|周)[一二三四五六日天][)）])?';
const TIME = '(?:(上午|中午|下午|晚上)?(\\d{1,2})(?::(\\d{2})|[时点](?:(\\d{1,2})分|(半))?))?';
const AT = DATE + TIME;

/** The due action or its subject names applying or handing in. */
const APPLYING = /申报|申请|提交|报送|受理|递交|上报|报名|上传|送达|寄送|填报|推荐|报至|交至/;
/** Cut-offs that are not application deadlines: dates for computing ages or figures, project periods, validity. */
const NOT_APPLYING = /计算|统计|核算|年龄|出生|数据|业绩|营业|收入|成立|注册|设立|引进|入选|毕业|有效|施行|实施|执行/;
/** "D前" starting a condition rather than a due action: "…前引进的人才", "…前注册的企业", "有效期…". */
const CONDITION = /^[^的]{0,8}的|引进|成立|设立|入选|毕业|出生|有效|施行/;
/** A heading that is itself about the time of applying ("申报时限", "时间安排"). */
const TIME_HEADING = /时间|时限|日期|期限|截止|安排/;
/** Item numbers at the start of a clause: "(三)", "3.", "三、". */
const MARKER = /^(?:[(（][一二三四五六七八九十\d]+[)）]|\d+[.．、]|[一二三四五六七八九十]+、)/;
/** Modal words between a subject and its deadline: "企业应于…", "请于…", "务必于…". */
const MODAL = /(?:应当|应|须|必须|需|需要|请|务必|要|可)+$/;

/** Before the date: "于D前", "在D之前", "D前" followed by what is due. */
const BEFORE = new RegExp(`(?:于|在)?${AT}(?:之)?前`, 'g');
/** After a cut-off word: "截止时间为D", "截止日期:D", "截至D", "截止到D". */
const CUTOFF = new RegExp(`(?:截止|截至)(?:时间|日期|日)?(?:为|是|到|至)?:?${AT}`, 'g');
/** A date followed by a cut-off word: "于D截止", "至D止". */
const ENDS = new RegExp(`(?:于|至|到)?${AT}(?:截止|止)`, 'g');
/** From now on: "即日起至D", "自通知发布之日起至D". */
const FROM_NOW = new RegExp(`(?:自|从)?(?:即日|[^,，;；。]{0,8}发布之日|[^,，;；。]{0,8}印发之日)起?(?:至|到|—|-|~|～|截至|截止)${AT}`, 'g');

export interface Deadline {
  /** ISO date "2016-12-31". */
  date: string;
  /** "17:30" when a time of day is given. */
  time: string | null;
  /** What is due, from the sentence ("企业在网上完成预申报工作", "申报单位提交材料"); null when it names nothing. */
  label: string | null;
  /** Offset of the match in the sentence (to skip dates already inside a date range). */
  index: number;
  length: number;
}

const pad = (n: string | number): string => String(n).padStart(2, '0');

function clockOf(m: RegExpExecArray, at: number): string | null {
  const [part, h, colon, minutes, half] = [m[at], m[at + 1], m[at + 2], m[at + 3], m[at + 4]];
  if (h === undefined) return null;
  let hour = Number(h);
  if ((part === '下午' || part === '晚上') && hour < 12) hour += 12;
  return `${pad(hour)}:${colon ?? minutes ?? (half ? '30' : '00')}`;
}

/** The clause around a match: from the previous , ; to the next one. */
function around(s: string, start: number, end: number): { before: string; after: string } {
  const from = Math.max(s.lastIndexOf(',', start - 1), s.lastIndexOf(';', start - 1), s.lastIndexOf('，', start - 1)) + 1;
  const tail = s.slice(end);
  const stop = tail.search(/[,;，；。]/);
  return { before: s.slice(from, start), after: stop < 0 ? tail : tail.slice(0, stop) };
}

/** "(三)企业应" → "企业"; "申报时间:" → "申报时间". */
const subject = (before: string): string =>
  before.replace(MARKER, '').replace(/[:：]$/, '').replace(/(?:于|在|至|到)$/, '').replace(MODAL, '').trim();

/**
 * Deadlines in one normalized sentence. `heading`: the enclosing heading's name (a cut-off with no
 * subject counts under a heading about time). `taken`: spans of date ranges already read.
 */
export function deadlinesIn(sentence: string, heading: string, taken: Array<[number, number]> = []): Deadline[] {
  const out: Deadline[] = [];
  const timeHeading = TIME_HEADING.test(heading);
  const add = (m: RegExpExecArray, what: string) => {
    // a bare "申报" says less than the heading ("申报时间"): labels under three characters are dropped
    const label = what.length >= 3 ? what : null;
    const end = m.index + m[0].length;
    if (taken.some(([a, b]) => m.index < b && end > a)) return;
    if (out.some((d) => m.index < d.index + d.length && end > d.index)) return;
    const date = `${m[1]}-${pad(m[2])}-${pad(m[3])}`;
    out.push({ date, time: clockOf(m, 4), label, index: m.index, length: m[0].length });
  };
  for (const m of sentence.matchAll(FROM_NOW)) {
    const { before, after } = around(sentence, m.index!, m.index! + m[0].length);
    if (NOT_APPLYING.test(after)) continue;
    if (!timeHeading && !APPLYING.test(before + after)) continue;
    add(m as RegExpExecArray, subject(before));
  }
  for (const m of sentence.matchAll(BEFORE)) {
    // what is due follows the date: "…前在网上完成预申报工作"
    const { before, after } = around(sentence, m.index!, m.index! + m[0].length);
    if (!APPLYING.test(after) || CONDITION.test(after)) continue;
    add(m as RegExpExecArray, subject(before) + after);
  }
  for (const re of [CUTOFF, ENDS]) {
    for (const m of sentence.matchAll(re)) {
      // who hands in what comes before the cut-off word: "申报单位提交材料截止时间为…"
      const { before } = around(sentence, m.index!, m.index! + m[0].length);
      const who = subject(before);
      if (NOT_APPLYING.test(who)) continue;
      if (!APPLYING.test(who) && !(who === '' && timeHeading)) continue;
      add(m as RegExpExecArray, who);
    }
  }
  return out.sort((a, b) => a.index - b.index);
}
