// Property test of the structure parser: documents generated with random heading systems, notice
// wrappers and extraction damage (web markup, PDF hard wraps with blank lines, one-line pages,
// full-width digits, letter-spacing) parse back to the tree they were generated from: every
// body sentence under its exact section path, every heading found, nothing else made a heading.
import { describe, expect, it } from 'vitest';
import { buildRecords } from '../server/ingest/records.ts';
import { parseDocument } from '../server/ingest/structure/index.ts';
import { mulberry32 } from '../server/kb/embed/seeded-random.ts';
import type { DocumentMeta } from '../server/kb/types.ts';

type Level = 'zhang' | 'tiao' | 'chapter' | 'paren_cn' | 'num' | 'num_dun' | 'paren_num';
type Damage = 'none' | 'html' | 'wrapped' | 'one-line' | 'fullwidth' | 'letter-spaced';

/** Heading systems as Chinese documents nest them (outer first). */
const SYSTEMS: Level[][] = [
  ['zhang', 'tiao'],
  ['chapter', 'paren_cn'],
  ['chapter', 'paren_cn', 'num'],
  ['chapter', 'num_dun'],
  ['chapter', 'paren_cn', 'num', 'paren_num'],
];

const CN = '零一二三四五六七八九';
function cn(n: number): string {
  if (n < 10) return CN[n];
  if (n < 20) return `十${n % 10 ? CN[n % 10] : ''}`;
  return `${CN[Math.floor(n / 10)]}十${n % 10 ? CN[n % 10] : ''}`;
}

const TITLES = ['总体要求', '支持方向', '申报条件', '重点任务', '保障措施', '组织实施', '资金管理', '绩效评价', '新材料领域', '生物医药', '人才引进', '平台建设', '成果转化', '监督检查', '附则说明'];
const CLAUSES = [
  '支持企业联合高校开展关键核心技术攻关，推动科技成果转化和产业化',
  '项目实施周期一般不超过三年，承担单位应按要求报送年度进展情况',
  '对获批的国家级创新平台给予一次性奖励，所需资金由市财政统筹安排',
  '申报单位应具有独立法人资格，近三年无严重失信行为记录',
  '鼓励围绕产业链部署创新链，培育一批具有核心竞争力的科技型企业',
  '加强科研诚信建设，对弄虚作假的单位取消其申报资格',
];

interface Node {
  level: Level;
  n: number;
  title: string;
  body: string[];
  children: Node[];
}

interface Generated {
  /** The clean source lines, before damage. */
  lines: string[];
  /** Unique token of each body sentence → its expected section path. */
  expected: Map<string, string[]>;
  /** Every heading path element, in order. */
  headings: string[];
}

function marker(level: Level, n: number): string {
  switch (level) {
    case 'zhang': return `第${cn(n)}章 `;
    case 'tiao': return `第${cn(n)}条 `;
    case 'chapter': return `${cn(n)}、`;
    case 'paren_cn': return `（${cn(n)}）`;
    case 'num': return `${n}.`;
    case 'num_dun': return `${n}、`;
    case 'paren_num': return `（${n}）`;
  }
}

function generate(seed: number, system: Level[], damage: Damage): Generated {
  const rnd = mulberry32(seed);
  const pick = <T>(xs: T[]) => xs[Math.floor(rnd() * xs.length)];
  let token = 0;
  const sentence = () => {
    token++;
    // A unique code ("编号T7") finds the sentence again; a figure checks digit repair.
    return `${pick(CLAUSES)}，编号T${token}资助${10 + token}万元。`;
  };
  const build = (depth: number): Node[] => {
    const count = 2 + Math.floor(rnd() * 2);
    return Array.from({ length: count }, (_, k) => {
      const level = system[depth];
      const leaf = depth === system.length - 1;
      const node: Node = { level, n: k + 1, title: pick(TITLES), body: [], children: [] };
      // A heading with children may still open with a sentence (not in one-line pages: there
      // the title is glued to the next marker).
      if (leaf || (rnd() < 0.4 && damage !== 'one-line')) node.body = Array.from({ length: 1 + Math.floor(rnd() * 2) }, sentence);
      if (!leaf) node.children = build(depth + 1);
      return node;
    });
  };
  const roots = build(0);
  const lines: string[] = [];
  const expected = new Map<string, string[]>();
  const headings: string[] = [];
  const walk = (nodes: Node[], path: string[]) => {
    for (const node of nodes) {
      if (node.level === 'tiao') {
        // An article: "第一条" in the path, its text on the same line.
        const el = marker('tiao', node.n).trim();
        headings.push(el);
        node.body.forEach((s, k) => {
          lines.push(k === 0 ? `${marker('tiao', node.n)}${s}` : s);
          expected.set(s.match(/T\d+/)![0], [...path, el]);
        });
        continue;
      }
      const el = `${marker(node.level, node.n).trim()}${node.title}`.replace(/\s+/g, '');
      headings.push(el);
      // One-line pages: a leaf title is closed by 。 and its text follows ("（一）鼓励发明专利创造。对…").
      lines.push(damage === 'one-line' && node.body.length ? `${marker(node.level, node.n)}${node.title}。` : `${marker(node.level, node.n)}${node.title}`);
      for (const s of node.body) {
        lines.push(s);
        expected.set(s.match(/T\d+/)![0], [...path, el]);
      }
      walk(node.children, [...path, el]);
    }
  };
  walk(roots, []);
  return { lines, expected, headings };
}

/** The document as an extraction would have damaged it. */
function render(g: Generated, damage: Damage, wrapper: boolean, title: string): string {
  const head = wrapper
    ? ['某某市科学技术局文件', '某科发〔2023〕5号', `关于印发《${title}》的通知`, '各有关单位：', `现将《${title}》印发给你们，请认真贯彻执行。`, '某某市科学技术局', '2023年5月6日', title]
    : [title];
  const all = [...head, ...g.lines];
  switch (damage) {
    case 'none':
      return all.join('\n');
    case 'html':
      return `<div class="content"><h1>${title}</h1>\n${all.slice(1).map((l) => `<p>&nbsp;&nbsp;${l.replace(/“/g, '&ldquo;')}</p>`).join('\n')}\n<script>var x = 1;</script></div>`;
    case 'fullwidth':
      return all.map((l) => l.replace(/[0-9]/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0))).join('\n');
    case 'letter-spaced':
      // Some body lines set letter by letter, as PDF text does.
      return all.map((l, i) => (i % 3 === 2 && !/^[第（(0-9一二三四五六七八九十]/.test(l) ? [...l].join(' ') : l)).join('\n');
    case 'one-line':
      return all.join('');
    case 'wrapped': {
      // Hard wraps at 24 characters with a blank line after every line (PDF text).
      const out: string[] = [];
      for (const l of all) for (let i = 0; i < l.length; i += 24) out.push(l.slice(i, i + 24));
      return out.join('\n\n');
    }
  }
}

const META: DocumentMeta = {
  id: 'gen', file: 'gen.txt', title: 't', shortTitle: 't', issuer: '某某市科学技术局',
  jurisdiction: { name: '某某市', fullName: '某某市', level: 'city' }, year: 2023, kind: 'measures', docNumber: null, date: null, format: 'text',
};

const DAMAGES: Damage[] = ['none', 'html', 'wrapped', 'one-line', 'fullwidth', 'letter-spaced'];

describe('generated documents parse back to the tree they were generated from', () => {
  const cases: Array<[number, number, Damage, boolean]> = [];
  for (let seed = 1; seed <= 60; seed++) cases.push([seed, seed % SYSTEMS.length, DAMAGES[seed % DAMAGES.length], seed % 4 === 0]);

  it.each(cases)('seed %i, system %i, damage %s, notice wrapper %s', (seed, sys, damage, wrapper) => {
    // The one-line damage drops every line break, so a 第X条 article body cannot be told from its neighbour's.
    const system = SYSTEMS[sys];
    const g = generate(seed, system, damage);
    const title = '某某市科技计划项目管理办法';
    const raw = render(g, damage, wrapper, title);
    const { doc } = parseDocument(raw, { ...META, format: damage === 'html' ? 'html' : 'text' });
    const records = buildRecords(doc);
    for (const [token, path] of g.expected) {
      const hits = records.filter((r) => r.kind !== 'heading' && new RegExp(`${token}(?![0-9])`).test(r.text.replace(/\s+/g, '')));
      expect(hits.map((r) => r.text.slice(0, 30)), `${token} in one record`).toHaveLength(1);
      expect(hits[0].section, `${token}: ${hits[0].text.slice(0, 40)}`).toEqual(path);
      // Damage repaired: half-width figures, no letter-spacing left.
      expect(hits[0].text).toMatch(new RegExp(`资助${Number(token.slice(1)) + 10}万元`));
    }
    const headingPaths = records.filter((r) => r.kind === 'heading').map((r) => r.section.at(-1)!.replace(/\s+/g, ''));
    const bodyHeadings = headingPaths.filter((h) => h !== title && !h.startsWith('关于印发'));
    expect(bodyHeadings).toEqual(g.headings);
    for (const r of records) expect(doc.text.slice(r.start, r.end)).toBe(r.text);
  });
});
