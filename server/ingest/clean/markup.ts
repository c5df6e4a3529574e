// Detector "html-markup": web pages saved as text keep their tags, entities, scripts and comments.
// Block-level tags (br, p, div, h1–h6, li, tr) become line breaks, cells become tabs, every other tag
// goes, entities are decoded. Markdown comments (<!-- INFO END -->) go too. Runs on the raw text,
// before it is cut into lines; a text without markup is returned as it is.

const NAMED: Record<string, string> = {
  nbsp: ' ', ensp: ' ', emsp: ' ', thinsp: ' ', amp: '&', lt: '<', gt: '>', quot: '"', apos: "'",
  ldquo: '“', rdquo: '”', lsquo: '‘', rsquo: '’', mdash: '—', ndash: '–', hellip: '…', middot: '·',
  times: '×', divide: '÷', deg: '°', plusmn: '±', permil: '‰', copy: '©', reg: '®', laquo: '«', raquo: '»',
  bull: '•', sect: '§', yen: '¥', shy: '',
};

export function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);?/gi, (m, body: string) => {
    if (body[0] === '#') {
      const code = body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : m;
    }
    const v = NAMED[body.toLowerCase()];
    return v === undefined ? m : v;
  });
}

const TAG = /<\/?([a-z][a-z0-9]*)\b[^<>]*>/gi;
const BLOCK = /^(br|p|div|h[1-6]|li|ul|ol|tr|table|tbody|thead|section|article|header|footer|blockquote|pre|dt|dd|dl|center|form|hr)$/i;
const CELL = /^(td|th)$/i;

/** True when the text carries HTML markup (a few real tags or entities, not a stray "<" in prose). */
export function looksLikeHtml(raw: string): boolean {
  const tags = raw.match(/<\/?(br|p|div|span|strong|b|h[1-6]|td|tr|table|script|style|a|img|font|li)\b[^<>]*>/gi)?.length ?? 0;
  const entities = raw.match(/&(nbsp|amp|lt|gt|quot|#\d+|#x[0-9a-f]+);/gi)?.length ?? 0;
  return tags >= 2 || entities >= 3 || /<!--[\s\S]*?-->/.test(raw);
}

export interface MarkupResult {
  text: string;
  count: number;
  examples: string[];
  /** Level of each line that was a heading tag (h1–h6), by the line's text. */
  headings: Map<string, number>;
}

export function stripMarkup(raw: string): MarkupResult {
  const examples: string[] = [];
  let count = 0;
  const note = (s: string) => {
    count++;
    if (examples.length < 3 && !examples.includes(s)) examples.push(s.length > 30 ? `${s.slice(0, 27)}…` : s);
  };
  if (!looksLikeHtml(raw)) return { text: raw, count: 0, examples, headings: new Map() };
  let s = raw
    .replace(/<(script|style|noscript|iframe)\b[\s\S]*?<\/\1\s*>/gi, (m) => (note(m.slice(0, m.indexOf('>') + 1)), ''))
    .replace(/<!--[\s\S]*?-->/g, (m) => (note(m), ''));
  // Headings: remember their text so the structure parser can treat them as headings.
  const headings = new Map<string, number>();
  s = s.replace(/<h([1-6])\b[^>]*>([\s\S]*?)<\/h\1\s*>/gi, (_m, level: string, inner: string) => {
    const text = decodeEntities(inner.replace(TAG, '')).replace(/\s+/g, ' ').trim();
    if (text) headings.set(text, Number(level));
    note(`<h${level}>`);
    return `\n${text}\n`;
  });
  s = s.replace(TAG, (m, name: string) => {
    note(m.length > 12 ? `<${name}…>` : m);
    if (BLOCK.test(name)) return '\n';
    if (CELL.test(name)) return m[1] === '/' ? '' : '\t';
    return '';
  });
  s = s.replace(/<\/?[a-z][^<>\n]{0,200}$/gim, (m) => (note(m), '')); // a tag cut off at the end of a line
  const decoded = decodeEntities(s);
  if (decoded !== s) note('&nbsp;');
  return { text: decoded, count, examples, headings };
}
