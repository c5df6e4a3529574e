// The document's title, by the first rule that finds one:
//   1. a Markdown "# " heading;
//   2. the carried document: a notice that issues a document (关于印发《X》的通知, "《X》已经…现印发给你们")
//      has X as the title when the text of X follows — X starts a line after the notice, or runs on
//      right after the notice's signature date in one-line text;
//   3. the 关于…的通知 line at the top, re-joined when PDF text wrapped it ("关于组织申报 2020 年度城关区" +
//      "科技计划项目及人才创新创业项目的通知"), with the issuing body before 关于 if the text has it;
//   4. the first short line ending in a title word (…办法/条例/…/指南/规划), before the body starts
//      (an <h1> or a Word title line);
//   5. one-line text: a title-word phrase right after the signature date or right before 第一章/第一条/一、;
//   6. a web page's attachment named by number and title ("…〔2022〕6号关于…的实施意见.pdf");
//   7. the file name, when the text has no title (a fragment that starts at 一、).
// Expects text with ASCII digits (halfWidthDigits).

import type { DateHit } from './dates.ts';
import { isOrgName } from './org.ts';
import { HAN, compactTitle, spacedLiteral, splitLines, type Line } from './text.ts';

export interface TitleFinding {
  title: string;
  evidence: string;
  /** The notice's own title when the title is the document it carries. */
  noticeTitle: string | null;
  /** The carried document's title (印发《X》), whether or not it is the title. */
  carried: string | null;
}

/** Words a document title ends with. */
export const TITLE_WORD = '(?:办法|条例|规定|细则|规程|规则|政策|措施|方案|指南|规划|纲要|意见|决定|通知|通告|公告|批复|计划)';
/** A bracketed qualifier after the title word. */
export const TITLE_QUALIFIER = '(?:[（(](?:试行|暂行|修订|修订稿|征求意见稿|\\d{4}年(?:修订|修正)?)[）)])?';
const ENDS_LIKE_TITLE = new RegExp(`${TITLE_WORD}${TITLE_QUALIFIER}$`);
/** Document types a 关于… title ends with. */
const NOTICE_END = /的?(?:通知|通告|公告|决定|意见|批复|函|报告|请示)$/;
/** Where the body of a document starts. */
const BODY_START = /^(?:第[一二三四五六七八九十百零〇\d]+[章节条]|[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十]+[）)]|\d+[、.．](?!\d)|为了?|根据|依据|总则)/;
/** Lines at the top that are neither title nor body: 附件1, a header "…文件", a document number, a date. */
const NOT_TITLE_LINE = /^(?:附件\s*\d*[:：]?|.*文件|.*〔\d{4}〕.*号|.*[﹝\[［【（(]\d{4}[〕﹞\]］】）)]\s*\d+\s*号|.*(?:发布时间|发布日期|来源|浏览次数)[:：].*)$/;

export function findTitle(text: string, fileName: string, signature: DateHit | null): TitleFinding {
  const lines = splitLines(text);
  const markdown = /^#[ \t]+(.+)$/m.exec(text);
  if (markdown) return { title: compactTitle(markdown[1].replace(/\s*#+\s*$/, '')), evidence: 'Markdown # heading', noticeTitle: null, carried: null };

  const notice = noticeTitleLine(lines);
  const carried = carriedTitles(text, notice);
  for (const c of carried) {
    const body = bodyStartingWith(text, c.title, c.after);
    if (body) {
      return { title: body, evidence: `carried document title (${c.source}; the text of it follows)`, noticeTitle: notice?.title ?? null, carried: body };
    }
  }
  const carriedTitle = carried[0]?.title ?? null;
  if (notice) return { title: notice.title, evidence: '关于…的通知 line at the top', noticeTitle: null, carried: carriedTitle };

  const heading = firstTitleLine(lines);
  if (heading) return { title: heading, evidence: 'first heading line', noticeTitle: null, carried: carriedTitle };

  const oneLine = oneLineTitle(text, signature);
  if (oneLine) return { ...oneLine, noticeTitle: null, carried: carriedTitle };

  const attached = attachmentTitle(text);
  if (attached) return { title: attached, evidence: 'attachment name after the document number (…号关于….pdf)', noticeTitle: null, carried: carriedTitle };

  const stem = fileName.replace(/^.*[\\/]/, '').replace(/\.[A-Za-z0-9]+$/, '');
  return { title: stem, evidence: 'file name (the text has no title)', noticeTitle: null, carried: carriedTitle };
}

/** Non-empty lines among the first `count` lines of the top `chars` characters. */
function topLines(lines: Line[], count: number, chars = 3000): Line[] {
  return lines.filter((l) => l.text && l.start < chars).slice(0, count);
}

interface NoticeLine {
  title: string;
  /** Offset just after the title's last line. */
  end: number;
}

/** A 关于…的通知 title among the top lines, its wrapped lines joined; also at the start of a one-line text. */
function noticeTitleLine(lines: Line[]): NoticeLine | null {
  const top = topLines(lines, 15);
  for (let i = 0; i < top.length; i++) {
    const line = top[i];
    const lead = /^(.*?)关于/.exec(line.text);
    if (!lead || (lead[1] && !isOrgName(lead[1].replace(/\s+/g, '')))) continue;
    if (line.text.length > 120 || /[。；：:]/.test(line.text)) {
      // The title runs on into the text (one-line pages): "关于印发…的通知各区县人民政府：…".
      const m = new RegExp(`^[${HAN}]{0,30}?关于[^。；：:！？《》\\n]{2,80}?的(?:通知|通告|公告|决定|意见|批复)`).exec(line.text);
      if (m) return { title: compactTitle(m[0]), end: line.start + line.raw.indexOf(m[0]) + m[0].length };
      continue;
    }
    let joined = line.text;
    let end = line.end;
    for (let k = i + 1; k < top.length && k <= i + 3 && !NOTICE_END.test(compactTitle(joined)); k++) {
      const next = top[k].text;
      if (next.length > 60 || /[。；：:]/.test(next) || BODY_START.test(next)) break;
      joined += next;
      end = top[k].end;
    }
    const title = compactTitle(joined);
    if (NOTICE_END.test(title) && title.length <= 120) return { title, end };
  }
  return null;
}

interface Carried {
  title: string;
  /** Search for its text from here on. */
  after: number;
  source: string;
}

/** Documents a notice issues: from its 关于…印发X的通知 title, and from a "《X》…印发" sentence near the top. */
function carriedTitles(text: string, notice: NoticeLine | null): Carried[] {
  const out: Carried[] = [];
  if (notice) {
    const m = /(?:印发|转发|发布|颁布)[《«]?(.+?)[》»]?的(?:通知|通告|决定)$/.exec(notice.title);
    if (m) out.push({ title: m[1], after: notice.end, source: '印发X的通知' });
  }
  const head = text.slice(0, 2000);
  const quoted = /[《«]([^》»\n]{2,80})[》»]([^。！？《》«»]{0,80}?)(?:印发|转发|发布)/g;
  for (const m of head.matchAll(quoted)) {
    // Only the sentence that issues the document: "《X》已经…通过，现印发给你们", "现将《X》印发给你们".
    if (!/^(?:已经|已|经|现|予以|，|,|\s)/.test(m[2]) && m[2] !== '') continue;
    if (!/(?:现将|将)\s*$/.test(head.slice(Math.max(0, (m.index ?? 0) - 4), m.index)) && m[2] === '') continue;
    out.push({ title: m[1], after: (m.index ?? 0) + m[0].length, source: '《X》…印发/转发' });
  }
  return out;
}

/**
 * Where the text of `title` starts after `after`: at the start of a line (the line holding only the
 * title or the title and the body's first words), or right after a date (one-line text). Returns
 * the title as written there, compacted; null when the text of the document does not follow.
 */
function bodyStartingWith(text: string, title: string, after: number): string | null {
  const re = new RegExp(spacedLiteral(title), 'g');
  re.lastIndex = after;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const before = text.slice(Math.max(0, m.index - 12), m.index).replace(/[ \t\u3000\u00a0]+$/, '');
    const rest = text.slice(m.index + m[0].length, m.index + m[0].length + 12).replace(/^[ \t\u3000\u00a0]+/, '');
    const atLineStart = before === '' || before.endsWith('\n');
    const afterDate = /\d{1,2}\s*日$|[一二三十]\s*日$/.test(before);
    const bodyFollows = rest === '' || rest.startsWith('\n') || BODY_START.test(rest);
    if ((atLineStart && bodyFollows) || afterDate) return compactTitle(m[0]);
  }
  return null;
}

/** The first short line ending in a title word, among the lines before the body starts. */
function firstTitleLine(lines: Line[]): string | null {
  const top = topLines(lines, 8);
  for (let i = 0; i < top.length; i++) {
    const t = top[i].text;
    if (BODY_START.test(t) || /[。；]/.test(t) || t.length > 80) return null;
    if (NOT_TITLE_LINE.test(t) || /[：:]/.test(t) || t.startsWith('《')) continue;
    // Six characters at least: a menu label such as "通知公告" is no title.
    if (ENDS_LIKE_TITLE.test(t) && t.length >= 6 && t.length <= 60) return compactTitle(t);
    // A title wrapped over two lines.
    const next = top[i + 1]?.text ?? '';
    const joined = compactTitle(t + next);
    if (next && !BODY_START.test(next) && !/[。；：:]/.test(next) && joined.length <= 60 && ENDS_LIKE_TITLE.test(joined) && !isOrgName(t)) return joined;
  }
  return null;
}

/** One-line text: the title right after the signature date, or right before 第一章/第一条/一、. */
function oneLineTitle(text: string, signature: DateHit | null): { title: string; evidence: string } | null {
  const phrase = `[^\\s。；：:！？，、《》]{2,60}?${TITLE_WORD}${TITLE_QUALIFIER}`;
  if (signature && signature.rule === 'signature') {
    // A bracketed remark may stand before the title: "（本文有删减）".
    const rest = text.slice(signature.end, signature.end + 200).replace(/^\s*[（(][^）)]{1,12}[）)]/, '');
    // Prefer the phrase that ends where the body begins ("…管理办法实施细则第一条"), else the shortest.
    const toBody = new RegExp(`^\\s*(${phrase})(?=第一[章条]|一、|为了?|根据)`).exec(rest);
    const shortest = new RegExp(`^\\s*(${phrase})`).exec(rest);
    const m = toBody ?? shortest;
    if (m) return { title: compactTitle(m[1]), evidence: 'title after the signature date' };
  }
  const marker = /第一章|第一条|一、/.exec(text);
  if (marker && marker.index > 0) {
    const before = text.slice(Math.max(0, marker.index - 80), marker.index);
    const m = new RegExp(`(${phrase.replace('{2,60}?', '{2,60}')})\\s*$`).exec(before);
    // A signature date may run into the title: "…2020年9月10日广安市质量奖评选管理办法第一章".
    const title = m ? m[1].replace(/^.*?\d{4}年\d{1,2}月\d{1,2}日/, '') : '';
    if (title.length >= 4) return { title: compactTitle(title), evidence: 'title before 第一章/第一条/一、' };
  }
  return null;
}

/**
 * A web page's attachment named by number and title: "广安府规〔2022〕6号关于加快推进…的实施意见.pdf",
 * or such a line ending without an extension.
 */
function attachmentTitle(text: string): string | null {
  const re = new RegExp(
    `[〕﹞\\]］】）)]\\s*\\d{1,5}\\s*号\\s*((?:[${HAN}]{2,30}?)?关于[^。；！？《》\\n]{2,80}?)(?:\\.(?:pdf|docx?|wps|ofd)|\\s*$)`,
    'im',
  );
  const m = re.exec(text);
  return m && NOTICE_END.test(m[1]) ? compactTitle(m[1]) : null;
}

/**
 * A short form (about 20 characters at most): the title without the body before 关于, 关于, 印发,
 * 的通知, 《》 and （试行）-style qualifiers; if still long, without years, then without leading verbs
 * (进一步/组织/实施/开展/做好/加强 and 和改进-style pairs); cut with "…" if still long.
 */
const LEADING_VERBS = new RegExp(`^(?:进一步|组织|实施|开展|做好|加强|加快|推进|深化)+(?:和[${HAN}]{2})?`);

export function shortTitleOf(title: string): string {
  let s = title
    .replace(/^.*?关于/, '')
    .replace(/^(?:修订)?(?:印发|转发|发布|颁布)/, '')
    .replace(/的?(?:通知|通告|公告)$/, '')
    .replace(/^《(.*)》$/, '$1')
    .replace(/[（(](?:试行|暂行|修订|修订稿|征求意见稿)[）)]/g, '')
    .trim();
  if (s.length > 20) {
    s = s.replace(/[（(]?\d{4}\s*[-—–~至]\s*\d{4}\s*年?[）)]?/g, '').replace(/(?:19|20)\d{2}\s*年度?/g, '');
  }
  if (s.length > 20) s = s.replace(LEADING_VERBS, '');
  if (!s) return title.slice(0, 20);
  return s.length > 20 ? `${s.slice(0, 20)}…` : s;
}
