// Detector "letter-spacing": PDF text sets some words letter by letter ("申 报 时 限 。",
// "科 技 活 动"). Runs of three or more single characters separated by spaces are closed up, and in
// a line set mostly that way every space next to a Chinese character or punctuation goes
// ("2022 年 11 月 10 日 ；" → "2022年11月10日；"). Spaces between Latin words and figures stay.

import { pdfTableLines } from './table-lines.ts';
import { Examples, type Line, type LineDetector } from './types.ts';

const WIDE = '\\p{Script=Han}\\u3000-\\u303f\\uff00-\\uffef“”‘’《》';
const RUN = new RegExp(`(?<![${WIDE}])[${WIDE}](?:[ \\u00a0\\u3000]{1,2}[${WIDE}](?![${WIDE}])){2,}`, 'gu');
const SPACE_NEXT_TO_WIDE = new RegExp(`(?<=[${WIDE}])[ \\u00a0\\u3000]+|[ \\u00a0\\u3000]+(?=[${WIDE}])`, 'gu');
const SINGLE_RUN = /(?<!\S)\S(?: \S(?!\S)){2,}/gu;
const SPACED_PAIR = new RegExp(`[${WIDE}] (?=[${WIDE}])`, 'gu');

/** A line where at least this many wide characters are followed by a single space is set letter-spaced. */
const MIN_SPACED_PAIRS = 6;

export const letterSpacing: LineDetector = {
  name: 'letter-spacing',
  run(lines) {
    const ex = new Examples();
    const table = pdfTableLines(lines);
    const out = lines.map((line, i) => {
      if (table.has(i)) return line;
      let t = line.text;
      if ((t.match(SPACED_PAIR)?.length ?? 0) >= MIN_SPACED_PAIRS) {
        // Set letter by letter: single characters of any kind closed up ("T 1 资 助 1 1" → "T1资助11"),
        // then every space next to a Chinese character or mark.
        t = t.replace(SINGLE_RUN, (run) => run.replace(/[ \u00a0\u3000]/g, '')).replace(SPACE_NEXT_TO_WIDE, '');
      } else {
        t = t.replace(RUN, (run) => run.replace(/[ \u00a0\u3000]+/g, ''));
      }
      if (t === line.text) return line;
      ex.add(line.text.slice(0, 20));
      return { ...line, text: t };
    });
    return { lines: out, count: ex.count, examples: ex.list };
  },
};
