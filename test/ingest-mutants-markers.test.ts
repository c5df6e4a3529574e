// Mutation tests of server/ingest/markers.ts (issue 14, survivors of test/ingest-mutants-clean.test.ts):
// every marker form read at the start of a line with its exact type, number, raw/clean text and rest offset —
// without spaces, with spaces inside and after, two digits, and the same marker standing inside a line (not a
// marker). Rule of vitest.stryker.config.ts: the module is called inside tests only.
import { describe, expect, it } from 'vitest';
import { TABLE_CAPTION, cnNumber, decAsItem, parseMarker, parseZhuanlan, startsStructure } from '../server/ingest/markers.ts';

/** [type, n, raw, clean, restAt] of a line's marker, or null. */
const read = (s: string) => {
  const m = parseMarker(s);
  return m && [m.type, m.n, m.raw, m.clean, m.restAt];
};

describe('parseMarker: 第X编/章/节/条', () => {
  it('glued, spaced and followed by several spaces', () => {
    for (const [w, type] of [['编', 'bian'], ['章', 'zhang'], ['节', 'jie'], ['条', 'tiao']] as const) {
      expect(read(`第二${w}总则`), w).toEqual([type, 2, `第二${w}`, `第二${w}`, 3]);
      expect(read(`第 十二 ${w}  总则`), w).toEqual([type, 12, `第 十二 ${w}  `, `第十二${w}`, 8]);
      expect(read(`第三${w}`), w).toEqual([type, 3, `第三${w}`, `第三${w}`, 3]);
    }
  });

  it('only at the start of the line; not before 制/约/例 and the like', () => {
    for (const s of ['依照第二编规定', '见第三章', '按第二节执行', '依照第五条规定', '第一编辑部', '第一编写组', '第一编者', '第二节能', '第二节省', '第二节日', '第五条件']) expect(parseMarker(s), s).toBeNull();
    expect(read('第二节 约定')).toEqual(['jie', 2, '第二节 ', '第二节', 4]);
  });
});

describe('parseMarker: 附件N', () => {
  it('spacing, separators and the title glued to the number', () => {
    expect(read('附件1申报书')).toEqual(['attach', 1, '附件1', '附件1', 3]);
    expect(read('附件2 申报书')).toEqual(['attach', 2, '附件2 ', '附件2', 4]);
    expect(read('附件3：  申报书')).toEqual(['attach', 3, '附件3：  ', '附件3：', 6]);
    expect(read('附件4.申报书')).toEqual(['attach', 4, '附件4.', '附件4.', 4]);
    expect(read('附件5，申报书')).toEqual(['attach', 5, '附件5', '附件5', 3]);
    expect(read('附 件12')).toEqual(['attach', 12, '附 件12', '附件12', 5]);
    expect(read('附件 3')).toEqual(['attach', 3, '附件 3', '附件3', 4]);
    for (const s of ['见附件1', '详见附件2：申报书', '附件：1']) expect(parseMarker(s), s).toBeNull();
  });
});

describe('parseMarker: 一、 and （一）', () => {
  it('chapter markers: spaces before and after the mark, not before a digit', () => {
    expect(read('二 、 标题')).toEqual(['chapter', 2, '二 、 ', '二、', 4]);
    expect(read('十二、标题')).toEqual(['chapter', 12, '十二、', '十二、', 3]);
    expect(read('三.标题')).toEqual(['chapter', 3, '三.', '三.', 2]);
    expect(read('二十九、')).toEqual(['chapter', 29, '二十九、', '二十九、', 4]);
    for (const s of ['其一、标题', '三.5倍', '一一、x']) expect(parseMarker(s), s).toBeNull();
  });

  it('Chinese numerals in brackets: spaces inside and after, mismatched pairs of any length repaired', () => {
    expect(read('（ 十二 ）  标题')).toEqual(['paren_cn', 12, '（ 十二 ）  ', '（十二）', 8]);
    expect(read('(十二）标题')).toEqual(['paren_cn', 12, '(十二）', '（十二）', 4]);
    expect(read('（二十三)标题')).toEqual(['paren_cn', 23, '（二十三)', '（二十三）', 5]);
    expect(read('（一）')).toEqual(['paren_cn', 1, '（一）', '（一）', 3]);
    for (const s of ['见（一）', '（一', '（甲）']) expect(parseMarker(s), s).toBeNull();
  });
});

describe('parseMarker: numbered items', () => {
  it('1、 with one and two digits, spaces, and only at the start', () => {
    expect(read('12、标题')).toEqual(['num_dun', 12, '12、', '12、', 3]);
    expect(read('3 、 标题')).toEqual(['num_dun', 3, '3 、 ', '3、', 4]);
    expect(read('4、')).toEqual(['num_dun', 4, '4、', '4、', 2]);
    for (const s of ['第1、2项', '123、x', 'a1、x']) expect(parseMarker(s), s).toBeNull();
  });

  it('（1） with one and two digits, spaces inside and after, mismatched pairs repaired', () => {
    expect(read('（12）标题')).toEqual(['paren_num', 12, '（12）', '（12）', 4]);
    expect(read('( 3 )  标题')).toEqual(['paren_num', 3, '( 3 )  ', '(3)', 7]);
    expect(read('（3)标题')).toEqual(['paren_num', 3, '（3)', '（3）', 3]);
    expect(read('(12）标题')).toEqual(['paren_num', 12, '(12）', '（12）', 4]);
    for (const s of ['见（1）', '（123）', '（1', '（a）', '（0）x']) expect(parseMarker(s), s).toBeNull();
  });

  it('1. and 1.1: spaces, two digits, figures after the point', () => {
    expect(read('12. 标题')).toEqual(['num', 12, '12. ', '12.', 4]);
    expect(read('3 ．标题')).toEqual(['num', 3, '3 ．', '3．', 3]);
    expect(read('12.12 标题')).toEqual(['dec', 12, '12.12 ', '12.12', 6]);
    expect(read('12.12')).toEqual(['dec', 12, '12.12', '12.12', 5]);
    expect(read('5.20万元')).toEqual(['num', 5, '5.', '5.', 2]);
    expect(read('5.2020年')).toEqual(['num', 5, '5.', '5.', 2]);
    expect(read('5.1.2 x')).toBeNull();
    // the decimal reading takes the number after the point (0.5 is heading 5 of part 0)
    expect(read('0.5 x')).toEqual(['dec', 5, '0.5 ', '0.5', 4]);
    expect(read('1.0 x')).toBeNull();
  });

  it('lost-point items: one or two digits glued to a Chinese word that is not a unit', () => {
    expect(read('12深化改革')).toEqual(['num_bare', 12, '12', '12', 2]);
    expect(read('３加强')).toEqual(['num_bare', 3, '３', '３', 1]);
    for (const s of ['123深化', '12年', '5个', '3 加强', '3a加强']) expect(parseMarker(s), s).toBeNull();
  });

  it('circled numbers: spaces after them are skipped; nothing else is circled', () => {
    expect(read('①  标题')).toEqual(['circled', 1, '①  ', '①', 3]);
    expect(read('⑳')).toEqual(['circled', 20, '⑳', '⑳', 1]);
    expect(read('②\t x')).toEqual(['circled', 2, '②\t ', '②', 3]);
    for (const s of ['x①', '㉑', '⓪']) expect(parseMarker(s), s).toBeNull();
  });

  it('an empty line has no marker (CIRCLED.indexOf("") used to read it as ①)', () => {
    expect(parseMarker('')).toBeNull();
    expect(startsStructure('')).toBe(false);
  });
});

describe('cnNumber: zeros only right after 百', () => {
  it('reads 零 after 百, refuses zeros and digits elsewhere', () => {
    expect(['一百零一', '一百〇九', '二百一十', '一百一十五'].map(cnNumber)).toEqual([101, 109, 210, 115]);
    for (const s of ['一百五零', '一百十零五', '十十', '一百百']) expect(cnNumber(s), s).toBeNaN();
  });
});

describe('parseZhuanlan and TABLE_CAPTION', () => {
  it('专栏: only at the start, two-digit decimals, title spaces inside kept, trailing spaces and separators dropped', () => {
    expect(parseZhuanlan('专栏3.12 科技创新')).toEqual({ no: '3.12', title: '科技创新' });
    expect(parseZhuanlan('专栏12：科技 创新  ')).toEqual({ no: '12', title: '科技 创新' });
    expect(parseZhuanlan('专栏2:：　创新')).toEqual({ no: '2', title: '创新' });
    expect(parseZhuanlan('专栏1 单')).toEqual({ no: '1', title: '单' });
    expect(parseZhuanlan('专栏1 有分号;')).toBeNull();
    expect(parseZhuanlan('服务专栏1 标题')).toBeNull();
    expect(parseZhuanlan('专栏1 标题\n正文')).toBeNull();
  });

  it('table captions: numbers of two digits after the dash, ASCII space after the number, quotes', () => {
    expect(['表2-12 x', '表12', '表1 指标', '表1“十四五”', '表1"x"', '表1:x', '表2—1', '表2－1 x', '表2．1 x', '表2-1a'].map((s) => TABLE_CAPTION.test(s))).toEqual([true, true, true, true, true, true, true, true, true, false]);
  });
});

describe('decAsItem', () => {
  it('two-digit item numbers; a line that does not open with the number gives no item', () => {
    expect(decAsItem('12.5μm 芯片', parseMarker('12.5μm 芯片')!)).toEqual({ type: 'num', n: 12, raw: '12.', clean: '12.', restAt: 3 });
    const dec = { type: 'dec' as const, n: 12, raw: '', clean: '', restAt: 0 };
    expect(decAsItem('第2.12μm', dec)).toBeNull();
    expect(decAsItem('2x.12', dec)).toBeNull();
    expect(decAsItem('２  ．12', dec)).toEqual({ type: 'num', n: 2, raw: '２  ．', clean: '２．', restAt: 4 });
  });
});
