// Turns the HTML that mammoth writes for a DOCX into lines of text: one line per paragraph, heading
// or list item, one line per table row with its cells separated by tabs. mammoth's output is small
// and regular (escaped text, well-formed tags, no scripts), so a tiny tokenizer is enough; this is
// not a general HTML parser and is not used for .html files (the cleaning stage handles those).

interface ElementNode {
  tag: string;
  attrs: Record<string, string>;
  children: Node[];
}
type Node = ElementNode | string;

const VOID = new Set(['br', 'img', 'hr']);
/** Elements whose content makes lines of their own. */
const BLOCK = new Set(['p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'li', 'ul', 'ol', 'table', 'tbody', 'thead', 'tfoot', 'div', 'blockquote', 'dl', 'dt', 'dd', 'pre']);

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };
function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|\w+);/gi, (whole, name: string) => {
    if (name[0] === '#') {
      const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return Number.isFinite(code) && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return ENTITIES[name.toLowerCase()] ?? whole;
  });
}

function parse(html: string): ElementNode {
  const root: ElementNode = { tag: '#root', attrs: {}, children: [] };
  const stack: ElementNode[] = [root];
  const token = /<(\/?)([a-zA-Z][a-zA-Z0-9]*)([^>]*?)(\/?)>|([^<]+)|(<)/g;
  for (let m = token.exec(html); m; m = token.exec(html)) {
    const top = stack[stack.length - 1];
    if (m[5] !== undefined || m[6] !== undefined) {
      top.children.push(decodeEntities(m[5] ?? m[6]));
      continue;
    }
    const tag = m[2].toLowerCase();
    if (m[1]) {
      // Close up to the matching open element; a stray closing tag is ignored.
      const at = stack.map((e) => e.tag).lastIndexOf(tag);
      if (at > 0) stack.length = at;
      continue;
    }
    const attrs: Record<string, string> = {};
    for (const a of m[3].matchAll(/([\w-]+)\s*=\s*"([^"]*)"/g)) attrs[a[1].toLowerCase()] = decodeEntities(a[2]);
    const el: ElementNode = { tag, attrs, children: [] };
    top.children.push(el);
    if (!m[4] && !VOID.has(tag)) stack.push(el);
  }
  return root;
}

/** All text under a node on one line: nested blocks and line breaks become single spaces. */
function inlineText(node: Node): string {
  if (typeof node === 'string') return node;
  if (node.tag === 'br') return ' ';
  const inner = node.children.map(inlineText).join(BLOCK.has(node.tag) || node.tag === 'tr' ? ' ' : '');
  return BLOCK.has(node.tag) || node.tag === 'tr' ? ` ${inner} ` : inner;
}
/** Cell text: runs of whitespace (including the tabs that separate cells) become one space. */
const squash = (s: string) => s.replace(/[ \t\r\n]+/g, ' ').trim();

/**
 * Table rows as tab-separated lines. A cell merged down (rowspan) repeats its text in the rows it
 * covers, so that every row reads on its own; a cell merged across (colspan) is followed by empty
 * cells, keeping later cells under their column.
 */
function tableLines(table: ElementNode): string[] {
  const rows: ElementNode[] = [];
  const collect = (el: ElementNode) => {
    for (const child of el.children) {
      if (typeof child === 'string') continue;
      if (child.tag === 'tr') rows.push(child);
      else if (child.tag === 'thead' || child.tag === 'tbody' || child.tag === 'tfoot') collect(child);
    }
  };
  collect(table);
  const pending: Array<{ text: string; rowsLeft: number } | undefined> = []; // rowspans carried down, by column
  const lines: string[] = [];
  for (const row of rows) {
    const cells: string[] = [];
    let col = 0;
    const fillCarried = () => {
      while (pending[col]) {
        const carried = pending[col]!;
        cells.push(carried.text);
        if (--carried.rowsLeft === 0) pending[col] = undefined;
        col++;
      }
    };
    for (const cell of row.children) {
      if (typeof cell === 'string' || (cell.tag !== 'td' && cell.tag !== 'th')) continue;
      fillCarried();
      const text = squash(inlineText(cell));
      const colspan = Math.max(1, parseInt(cell.attrs.colspan ?? '1', 10) || 1);
      const rowspan = Math.max(1, parseInt(cell.attrs.rowspan ?? '1', 10) || 1);
      for (let k = 0; k < colspan; k++) {
        cells.push(k === 0 ? text : '');
        if (rowspan > 1) pending[col] = { text: k === 0 ? text : '', rowsLeft: rowspan - 1 };
        col++;
      }
    }
    fillCarried();
    if (cells.some((c) => c !== '')) lines.push(cells.join('\t'));
  }
  return lines;
}

/**
 * Lines of text of mammoth's HTML, empty paragraphs dropped. A line break inside a paragraph starts
 * a new line. Paragraph text is kept as written (inner spaces and tabs too), only trimmed.
 */
export function htmlToLines(html: string): string[] {
  const lines: string[] = [];
  let current = '';
  const flush = () => {
    const line = current.trim();
    if (line) lines.push(line);
    current = '';
  };
  const walk = (node: Node) => {
    if (typeof node === 'string') {
      current += node;
      return;
    }
    if (node.tag === 'table') {
      flush();
      lines.push(...tableLines(node));
      return;
    }
    if (node.tag === 'br') {
      flush();
      return;
    }
    const block = BLOCK.has(node.tag);
    if (block) flush();
    node.children.forEach(walk);
    if (block) flush();
  };
  walk(parse(html));
  return lines;
}
