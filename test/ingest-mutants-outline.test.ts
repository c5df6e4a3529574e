// Mutation tests of server/ingest/structure/outline.ts and structure/index.ts (issue 14; the survivors of
// the structure run listed in test/MUTATION.md): titles, lead splitting, level repair, the Outline's
// nesting rules and emitItem on exact made-up lines. Rule of vitest.stryker.config.ts: the modules are
// called inside tests only.
import { describe, expect, it } from 'vitest';
import { parseMarker } from '../server/ingest/markers.ts';
import { headingSystem, parseDocument } from '../server/ingest/structure/index.ts';
import { Outline, cleanTitle, emitItem, reconcileLevels, splitLead, trimSpan } from '../server/ingest/structure/outline.ts';
import type { DocumentMeta } from '../server/kb/types.ts';

const META: DocumentMeta = {
  id: 't', file: 't.txt', title: 't', shortTitle: 't', issuer: '某局', jurisdiction: { name: '某市', fullName: '某市', level: 'city' },
  year: 2024, kind: 'plan', docNumber: null, date: null, format: 'text',
};

const sp = (t: string) => ({ text: t, start: 0, end: t.length });

/** emitItem on one line: [result, blocks as [kind, path, text, splittable?]]. */
function item(line: string, opts: Parameters<typeof emitItem>[4] = {}) {
  const o = new Outline({});
  const m = parseMarker(line)!;
  const kind = emitItem(o, m.type, m, sp(line), opts);
  return [kind, o.blocks.map((b) => (b.splittable === undefined ? [b.kind, b.section.join(' / '), b.text] : [b.kind, b.section.join(' / '), b.text, b.splittable]))];
}

describe('outline text helpers', () => {
  it('trimSpan trims only the trailing characters it is given; cleanTitle drops leading whitespace of every kind', () => {
    expect(trimSpan(sp('abc! '))).toEqual({ text: 'abc!', start: 0, end: 4 });
    expect(trimSpan(sp('Stryker was here'))).toEqual({ text: 'Stryker was here', start: 0, end: 16 });
    expect(cleanTitle('\u2003\u2003总则')).toBe('总则');
    expect(cleanTitle('\n\n一、总则')).toBe('一、总则');
  });

  it('splitLead: the lead is trimmed before the suffix test; ASCII separators; suffixes and sentence ends anchored', () => {
    expect(splitLead('新能源领域 ，重点围绕储能技术')).toEqual({ lead: [0, 5], body: [7, 15] });
    expect(splitLead('新能源领域,重点围绕储能技术')).toEqual({ lead: [0, 5], body: [6, 14] });
    expect(splitLead('对策研究:围绕重大问题开展研究')).toEqual({ lead: [0, 4], body: [5, 15] });
    // 研究 inside the lead, not at its end: not a title.
    expect(splitLead('研究生，内容内容内容')).toBeNull();
    // 是 inside the lead is not the sentence's "…是：".
    expect(splitLead('是非研究：内容内容内容')).toEqual({ lead: [0, 4], body: [5, 11] });
    // A bracket opened in the lead and closed after the separator: the comma is inside the brackets.
    expect(splitLead('（新能源领域，重点围绕储能）技术研究')).toBeNull();
    expect(splitLead('（新能源）领域，重点围绕储能技术')).toEqual({ lead: [0, 7], body: [8, 16] });
  });
});

describe('reconcileLevels, case by case', () => {
  const lv = (ss: string[]) => reconcileLevels(ss.map((x) => ({ marker: parseMarker(x)! })));

  it('a lone arabic marker keeps its own level', () => {
    expect(lv(['2、b'])).toEqual(['num_dun']);
    expect(lv(['1、x'])).toEqual(['num_dun']);
    expect(lv(['（1）x'])).toEqual(['paren_num']);
  });

  it('the search backwards passes other systems and stops at its own', () => {
    expect(lv(['一、a', '①x', '2、b', '三、c'])).toEqual(['chapter', 'circled', 'chapter', 'chapter']);
    expect(lv(['1、x', '1、b', '二、c'])).toEqual(['num_dun', 'num_dun', 'chapter']);
  });

  it('the next sibling must be larger, by at most 2; without a previous one only 1 takes its level', () => {
    expect(lv(['一、a', '2、b', '二、c'])).toEqual(['chapter', 'num_dun', 'chapter']);
    expect(lv(['1、a', '三、b'])).toEqual(['chapter', 'chapter']);
    expect(lv(['1、a', '四、b'])).toEqual(['num_dun', 'chapter']);
    expect(lv(['2、a', '三、b'])).toEqual(['num_dun', 'chapter']);
  });
});

describe('Outline nesting', () => {
  it('default ranks: 附件 closes a document title and what is under it', () => {
    const o = new Outline();
    o.heading('doctitle', '某办法', sp('某办法'));
    o.heading('chapter', '一、甲', sp('一、甲'));
    o.heading('attach', '附件1', sp('附件1'));
    expect(o.path()).toEqual(['附件1']);
    o.heading('x', '乙', sp('乙'));
    o.heading('doctitle', '某表', sp('某表'));
    expect(o.path()).toEqual(['附件1', '某表']);
    expect(o.blocks.map((b) => b.section)).toEqual([['某办法'], ['某办法', '一、甲'], ['附件1'], ['附件1', '乙'], ['附件1', '某表']]);
  });

  it('unranked levels: a new one opens below, a repeated one replaces its sibling', () => {
    const o = new Outline({});
    o.heading('a', '甲', sp('甲'));
    o.heading('b', '乙', sp('乙'));
    expect(o.path()).toEqual(['甲', '乙']);
    o.heading('b', '丙', sp('丙'));
    expect(o.path()).toEqual(['甲', '丙']);
    o.heading('c', '丁', sp('丁'));
    o.closeBelow('b');
    expect(o.path()).toEqual(['甲', '丙']);
    o.closeBelow('none');
    expect(o.path()).toEqual(['甲', '丙']);
  });
});

describe('emitItem, case by case', () => {
  it('第X编/章/节 titles with a comma are headings', () => {
    for (const m of ['第一编', '第一章', '第一节']) {
      const line = `${m} 继往开来，开启新征程`;
      expect(item(line), m).toEqual(['heading', [['heading', `${m}继往开来，开启新征程`, line]]]);
    }
  });

  it('a point inside a figure is not a closing full stop', () => {
    expect(item('（一）增长1.5倍')).toEqual(['heading', [['heading', '（一）增长1.5倍', '（一）增长1.5倍']]]);
  });

  it('an outer title of 40 characters with a comma is a heading, a bare marker is a clause', () => {
    const t = `一、${'长'.repeat(20)}，${'长'.repeat(19)}`;
    expect(item(t)).toEqual(['heading', [['heading', t, t]]]);
    expect(item('一、')).toEqual(['clause', [['clause', '', '一、', true]]]);
  });

  it('the clause after a lead and a plain clause are splittable', () => {
    expect(item('1.新能源领域，重点围绕储能技术开展攻关。')).toEqual(['lead', [['heading', '1.新能源领域', '1.新能源领域'], ['clause', '1.新能源领域', '重点围绕储能技术开展攻关。', true]]]);
    expect(item(`1.${'长'.repeat(31)}`)).toEqual(['clause', [['clause', '', `1.${'长'.repeat(31)}`, true]]]);
  });
});

describe('structure/index', () => {
  it('headingSystem: 表N only at the start of the title', () => {
    expect(['附表1 指标', '表1 指标', '一览表1'].map((t) => headingSystem(t, false))).toEqual(['untitled', '表N', 'untitled']);
  });

  it('the report counts a 专栏 heading as 专栏N and the headings inside it by their marker', () => {
    const raw = ['某某市科技创新规划', '一、重点任务', '专栏1 平台建设', '1.建设国家重点实验室。', '重大专项:', '1.新材料专项。'].join('\n');
    const { doc, report } = parseDocument(raw, META);
    expect(doc.blocks.map((b) => [b.kind, b.section.join(' / '), b.zhuanlan?.no ?? ''])).toEqual([
      ['heading', '某某市科技创新规划', ''],
      ['heading', '一、重点任务', ''],
      ['heading', '一、重点任务 / 专栏1 平台建设', '1'],
      ['zhuanlan_item', '一、重点任务 / 专栏1 平台建设', '1'],
      ['heading', '一、重点任务 / 专栏1 平台建设 / 重大专项', '1'],
      ['zhuanlan_item', '一、重点任务 / 专栏1 平台建设 / 重大专项', '1'],
    ]);
    // 重大专项 is inside the box but is no 专栏 heading: it counts as untitled.
    expect(report.headingsByLevel).toEqual({ untitled: 2, '一、': 1, 专栏N: 1 });
    expect(report.zhuanlan).toEqual(['1']);
  });
});
