// Detectors "fullwidth-digits" and "ascii-punctuation": PDF text of Chinese documents often carries
// full-width digits and letters (２０２５, ＧＤＰ), and some extractions write "." for "。" and
// "," for "，". The text shown to people and matched is repaired: half-width digits and letters,
// and, in a document that mostly writes ASCII punctuation after Chinese text, the Chinese marks.

import { Examples, type Line, type LineDetector } from './types.ts';

const FULLWIDTH = /[０-９Ａ-Ｚａ-ｚ％．]+/g;
const HAS_FULLWIDTH = /[０-９Ａ-Ｚａ-ｚ％．]/;

export const fullwidthDigits: LineDetector = {
  name: 'fullwidth-digits',
  run(lines) {
    const ex = new Examples();
    const out = lines.map((line) => {
      if (!HAS_FULLWIDTH.test(line.text)) return line;
      const t = line.text.replace(FULLWIDTH, (m, at: number, s: string) => {
        // "．" is a decimal or item point only between/after digits; elsewhere it is left alone.
        const half = m.normalize('NFKC');
        if (m === '．' && !/[0-9０-９]/.test(s[at - 1] ?? '')) return m;
        ex.add(`${m}→${half}`);
        return half;
      });
      return t === line.text ? line : { ...line, text: t };
    });
    return { lines: out, count: ex.count, examples: ex.list };
  },
};

const HAN_BEFORE = '(?<=[\\p{Script=Han}”’）)》%0-9])';
const PAIRS: Array<[string, string, RegExp, RegExp]> = [
  // ASCII mark after Chinese text (not inside a number, URL or Latin word) → Chinese mark.
  ['.', '。', new RegExp(`${HAN_BEFORE}\\.(?![0-9A-Za-z/])`, 'gu'), /。/g],
  [',', '，', new RegExp(`${HAN_BEFORE},(?![0-9])`, 'gu'), /，/g],
  [';', '；', new RegExp(`${HAN_BEFORE};`, 'gu'), /；/g],
  [':', '：', new RegExp(`${HAN_BEFORE}:(?![0-9/])`, 'gu'), /：/g],
];

export const asciiPunctuation: LineDetector = {
  name: 'ascii-punctuation',
  run(lines) {
    const ex = new Examples();
    const all = lines.map((l) => l.text).join('\n');
    const active = PAIRS.filter(([, , ascii, cjk]) => {
      const a = all.match(ascii)?.length ?? 0;
      const c = all.match(cjk)?.length ?? 0;
      return a >= 5 && a > c;
    });
    // « » for 《 》 (a PDF font's guillemets), only where the document has no 《 at all.
    const guillemets = /«/.test(all) && !/《/.test(all);
    if (!active.length && !guillemets) return { lines, count: 0, examples: [] };
    const out = lines.map((line) => {
      let t = line.text;
      for (const [from, to, ascii] of active) t = t.replace(ascii, () => (ex.add(`${from}→${to}`), to));
      if (guillemets) t = t.replace(/[«»]/g, (m) => (ex.add(`${m}→${m === '«' ? '《' : '》'}`), m === '«' ? '《' : '》'));
      return t === line.text ? line : { ...line, text: t };
    });
    return { lines: out, count: ex.count, examples: ex.list };
  },
};
