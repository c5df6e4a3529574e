// Detector "run-on-text": a page saved without line breaks (the whole 办法 on one line) is cut
// back into lines before its headings and items — but only at markers that fit the numbering
// around them (第三条 after 第二条, （二） after （一）, 一、 after the preamble), so that
// cross-references (第十八条第一、三项), amounts and times stay in the text. A signature and date
// in the middle of the text (a notice carrying its 办法) are put on lines of their own, and so is
// the carried document's title after them.

import { CN_NUM, cnNumber } from '../markers.ts';
import { Examples, type Line, type LineDetector } from './types.ts';

/** Lines longer than this with several markers inside are run-on text (a real paragraph rarely holds two numbered items). */
const RUN_ON_MIN = 300;
/** A marker not preceded by a sentence end may still start a line when another marker stood at most this far before it (a title glued to the next marker). */
const GLUED_HEADING_MAX = 40;

type Kind = 'bian' | 'zhang' | 'jie' | 'tiao' | 'chapter' | 'paren_cn' | 'num' | 'num_dun' | 'paren_num';
/** Outer kinds first: a marker of an outer kind may restart the numbering of the inner ones. */
const ORDER: Kind[] = ['bian', 'zhang', 'jie', 'tiao', 'chapter', 'paren_cn', 'num', 'num_dun', 'paren_num'];

const CANDIDATE = new RegExp(
  [
    `(?<bian>第(${CN_NUM})编)`,
    `(?<zhang>第(${CN_NUM})章)`,
    `(?<jie>第(${CN_NUM})节)`,
    `(?<tiao>第(${CN_NUM})条)(?![例件款])`,
    `(?<![第${'一二三四五六七八九十百零〇两'}])(?<chapter>(${CN_NUM})、)`,
    `(?<paren_cn>[（(](${CN_NUM})[）)])`,
    `(?<![0-9.．])(?<num>([0-9]{1,2})[.．])(?![0-9])`,
    `(?<![0-9.．])(?<num_dun>([0-9]{1,2})、)`,
    `(?<paren_num>[（(]([0-9]{1,2})[）)])`,
  ].join('|'),
  'gu',
);

const BOUNDARY = /[。；;：:！？!?）)」』”]$/;
const TITLE_END = /(?:办法|条例|规定|细则|政策|措施|方案|指南|规划|意见|决定|规则|通知)(?:[（(](?:试行|暂行|修订)[）)])?$/u;

interface Cut {
  at: number;
  kind: Kind;
}

/** Positions in one long line where a numbered heading or item begins. */
export function structuralCuts(text: string): Cut[] {
  const last = new Map<Kind, number>();
  const cuts: Cut[] = [];
  let lastHeadingAt = -Infinity;
  for (const m of text.matchAll(CANDIDATE)) {
    const groups = m.groups as Record<Kind, string | undefined>;
    const kind = ORDER.find((k) => groups[k] !== undefined)!;
    const token = groups[kind]!;
    const digits = /[0-9]+/.exec(token)?.[0];
    const n = digits ? Number(digits) : cnNumber(token.replace(/^第|[编章节条、（()）]/g, ''));
    if (!Number.isFinite(n)) continue;
    const at = m.index!;
    const prev = last.get(kind) ?? 0;
    const fits = n === prev + 1 || (n === 1 && prev > 0 && ORDER.slice(0, ORDER.indexOf(kind)).some((k) => (last.get(k) ?? 0) > 0));
    if (!fits) continue;
    const before = text.slice(Math.max(0, at - 1), at);
    const glued = at - lastHeadingAt <= GLUED_HEADING_MAX;
    // The first heading right after a document title ("…管理办法第一章总则…").
    const afterTitle = n === 1 && TITLE_END.test(text.slice(Math.max(0, at - 60), at));
    if (at > 0 && !BOUNDARY.test(before) && !glued && !afterTitle) continue;
    last.set(kind, n);
    // Inner numberings may restart under a new outer marker (n = 1 fits) or run straight through
    // across it (（六） after 二、 continues （五）), so their counts are kept.
    lastHeadingAt = at;
    if (at > 0) cuts.push({ at, kind });
  }
  return cuts;
}

/** Signature (issuing body) and date glued into running text: "…遵照执行。广安市人民政府办公室2022年11月16日广安市…". */
const SIGNATURE = /(?<=[。；！？])([^。；，,：:！？\s]{2,30}?(?:人民政府办公室|人民政府办公厅|人民政府|办公室|办公厅|委员会|政府|局|厅|部|委))\s*((?:19|20)\d{2}年\d{1,2}月\d{1,2}日)/gu;
/** A document title right after a signature date: "…管理办法", "…若干政策（试行）". */
const TITLE_AFTER = /^(.{4,60}?(?:办法|条例|规定|细则|政策|措施|方案|指南|规划|意见|决定|规则|通知|通告|公告)(?:[（(]试行[）)]|[（(]修订[）)])?)/u;

function splitSignature(text: string): string[] {
  const parts: string[] = [];
  let from = 0;
  for (const m of text.matchAll(SIGNATURE)) {
    const at = m.index!;
    parts.push(text.slice(from, at), m[1], m[2]);
    from = at + m[0].length;
    const title = TITLE_AFTER.exec(text.slice(from));
    if (title) {
      parts.push(title[1]);
      from += title[1].length;
    }
  }
  parts.push(text.slice(from));
  return parts.map((p) => p.trim()).filter(Boolean);
}

export const runOnText: LineDetector = {
  name: 'run-on-text',
  run(lines) {
    const ex = new Examples();
    const out: Line[] = [];
    // A page saved on a line or two is run-on text whatever its length.
    const fewLines = lines.length <= 3;
    for (const line of lines) {
      if (line.text.length < RUN_ON_MIN && !fewLines) {
        out.push(line);
        continue;
      }
      let offset = 0;
      const pieces: string[] = [];
      for (const part of splitSignature(line.text)) {
        const cuts = structuralCuts(part);
        let from = 0;
        for (const c of cuts) {
          pieces.push(part.slice(from, c.at));
          from = c.at;
        }
        pieces.push(part.slice(from));
      }
      const kept = pieces.map((p) => p.trim()).filter(Boolean);
      if (kept.length === 1) {
        out.push(line);
        continue;
      }
      kept.forEach((p, i) => {
        const at = line.text.indexOf(p, offset);
        offset = at + p.length;
        if (i > 0) ex.add(p.slice(0, 12));
        out.push({ text: p, src: line.src + Math.max(at, 0), lead: i === 0 ? line.lead : '', blankBefore: i === 0 ? line.blankBefore : 0 });
      });
    }
    return { lines: out, count: ex.count, examples: ex.list };
  },
};
