// Detectors that remove what is not the document: page chrome of web pages (扫一扫在手机打开当前页,
// 【打印本页】, share and font-size bars, attachment and audio links, publication stamps), Word
// bookmark markers, and page numbers and running headers of PDF text.

import { Examples, type Line, type LineDetector } from './types.ts';

/** Phrases that are page furniture wherever they stand (also inside one-line pages). */
const CHROME_PHRASES: RegExp[] = [
  /二维码开始/g,
  /扫一扫在手机打开当前页/g,
  /用来校验该浏览器是否支持HTML5/g,
  /【\s*(?:打印本页|打印|关闭窗口|关闭|收藏|大|中|小|返回顶部)\s*】/g,
  /\[bookmark:\s*[^\]]*\]/g, // Word bookmark ("[bookmark: _GoBack]")
];

/** Whole lines that are page furniture. */
const CHROME_LINES: RegExp[] = [
  /^(?:发布时间|发布日期|更新时间|来源|信息来源|浏览次数|访问次数|点击数|阅读次数|作者|责任编辑|编辑)[：:].{0,60}$/,
  /^(?:分享到|字体|字号)[：:]?.{0,40}$/,
  /^(?:上一篇|下一篇|相关链接|相关阅读|返回顶部|打印本页|关闭窗口|附件下载)[：:]?.{0,60}$/,
];

/** A linked file: "名称.pdf(/path/x.pdf)" or a bare file path; audio and video too. */
const FILE_LINK = /[^\s。；;，,：:]{0,80}?\.(?:pdf|docx?|xlsx?|wps|et|zip|rar|mp3|mp4|wav|jpe?g|png)\s*\((?:https?:\/\/|\/)[^()\s]*\)/gi;

export const pageChrome: LineDetector = {
  name: 'page-chrome',
  run(lines, ctx) {
    const ex = new Examples();
    const out: Line[] = [];
    for (const line of lines) {
      let t = line.text;
      for (const re of CHROME_PHRASES) t = t.replace(re, (m) => (ex.add(m), ''));
      if (/\((?:https?:\/\/|\/)/.test(t)) t = t.replace(FILE_LINK, (m) => (ex.add(m), '')); // the regex is costly: only where a link is
      // "相关附件：" left with nothing after it once its links are gone.
      t = t.replace(/(?:相关附件|附件下载)[：:]?\s*$/, (m) => (ex.add(m), ''));
      if (CHROME_LINES.some((re) => re.test(t))) {
        ex.add(t);
        ctx.removed?.push(t);
        t = '';
      }
      t = t.trim();
      if (!t) continue;
      out.push(t === line.text ? line : { ...line, text: t });
    }
    return { lines: out, count: ex.count, examples: ex.list };
  },
};

/** "—５—", "- 3 -", "— 03 —", "第 3 页", "第3页 共12页", "3/12". */
const PAGE_NUMBER = /^(?:[—－\-–]\s*[0-9０-９]{1,3}\s*[—－\-–]|第\s*[0-9０-９]{1,3}\s*页(?:\s*[，,]?\s*共\s*[0-9０-９]{1,3}\s*页)?|[0-9０-９]{1,3}\s*\/\s*[0-9０-９]{1,3})$/;

export const pageNumbers: LineDetector = {
  name: 'page-numbers',
  run(lines) {
    const ex = new Examples();
    const out: Line[] = [];
    let pendingBlank = -1;
    for (const line of lines) {
      if (PAGE_NUMBER.test(line.text)) {
        ex.add(line.text);
        pendingBlank = Math.max(pendingBlank, line.blankBefore);
        continue;
      }
      if (pendingBlank >= 0) {
        // The page number and its blank lines are one page break, not a paragraph gap.
        out.push({ ...line, blankBefore: Math.max(pendingBlank, Math.min(line.blankBefore, 1)), pageStart: true });
        pendingBlank = -1;
      } else out.push(line);
    }
    return { lines: out, count: ex.count, examples: ex.list };
  },
};

/**
 * A bare URL line inside a sentence of hard-wrapped PDF text is a link annotation that fell out of
 * the text layer ("请携带相关资质证件原件以 / http://… / 备审核。"): the line before does not end a
 * sentence and the line after continues it.
 */
export const strayLinks: LineDetector = {
  name: 'stray-link-lines',
  run(lines) {
    const ex = new Examples();
    const out = lines.filter((l, i) => {
      const prev = lines[i - 1];
      const next = lines[i + 1];
      const stray = /^https?:\/\/\S+$/.test(l.text) && !!prev && !!next && !/[。；;！？!?：:]$/.test(prev.text) && (next.pageStart || /^[ \u3000]/.test(next.lead));
      if (stray) ex.add(l.text);
      return !stray;
    });
    return { lines: out, count: ex.count, examples: ex.list };
  },
};

/** NUL and other control characters (tab and line breaks are layout, kept), lone surrogates, U+FFFD. */
export function stripControl(raw: string): { text: string; count: number; examples: string[] } {
  let count = 0;
  const examples: string[] = [];
  const text = raw.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\ufffd]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, (m) => {
    count++;
    if (examples.length < 3) examples.push(`U+${m.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`);
    return '';
  });
  return { text, count, examples };
}
