// Six real documents the parser was not written for (../shared/more-docs): web pages, one-line
// pages, Markdown regulations, PDF text. Each goes in with no code and no manifest entry: the same
// cleaning, structure and metadata rules as everything else. Read when present, skipped otherwise.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cleanText, metadataText } from '../server/ingest/clean/index.ts';
import { idFromFileName, inferMeta, mergeMeta } from '../server/ingest/meta/infer.ts';
import { buildRecords } from '../server/ingest/records.ts';
import { parseDocument } from '../server/ingest/structure/index.ts';
import type { KbRecord } from '../server/kb/types.ts';
import { sharedFile } from './helpers/shared.ts';

const DIR = sharedFile('more-docs', 'README.md');

function load(fileName: string) {
  const raw = fs.readFileSync(path.join(path.dirname(DIR.path), fileName), 'utf8');
  const format = /<(?:div|br|p)\b/i.test(raw) ? 'html' : /^#\s/m.test(raw) ? 'markdown' : 'text';
  const cleaned = metadataText(cleanText(raw, { format }));
  const meta = mergeMeta(idFromFileName(fileName), fileName, format, inferMeta(cleaned, fileName), {});
  const { doc, report } = parseDocument(raw, meta);
  const records = buildRecords(doc);
  /** The one record containing `needle` (of `kind` when given). */
  const find = (needle: string, kind?: KbRecord['kind']): KbRecord => {
    const hits = records.filter((r) => r.text.includes(needle) && (!kind || r.kind === kind));
    expect(hits.map((r) => r.text.slice(0, 30)), `records containing ${needle}`).toHaveLength(1);
    return hits[0];
  };
  const headings = (depth?: number) => records.filter((r) => r.kind === 'heading' && (depth === undefined || r.section.length === depth)).map((r) => r.section.at(-1)!);
  return { meta, doc, report, records, find, headings };
}

describe.skipIf(!DIR.present)(DIR.title('more-docs: any real document in, no code'), () => {
  it('02 东莞 pre-call (web page): tags and chrome gone, 一、 › （一） tree, 17:30 inside its sentence, contacts', () => {
    const d = load('02-dongguan-2016-doubling-plan-precall.txt');
    expect(d.meta).toMatchObject({ year: 2016, kind: 'call', jurisdiction: { name: '东莞市', fullName: '广东省东莞市', level: 'city' } });
    expect(d.meta.title).toBe('关于组织实施东莞市重点企业规模与效益倍增计划”预申报的通知');
    expect(d.doc.text).not.toMatch(/<\/?[a-z]|&nbsp;|count\.js|发布时间/);
    expect(d.headings(1)).toEqual(['关于组织实施东莞市重点企业规模与效益倍增计划”预申报的通知', '一、遴选企业数量', '二、企业申报条件', '三、申报资料', '四、申报及遴选程序', '五、工作要求', '六、联系方式']);
    expect(d.find('企业在莞注册、纳税').section).toEqual(['二、企业申报条件']);
    expect(d.find('市经信局对企业网上申报材料进行形式审查').section).toEqual(['四、申报及遴选程序', '（三）形式审查']);
    const deadline = d.find('17:30前在网上完成预申报工作');
    expect(deadline.section).toEqual(['五、工作要求']);
    expect(deadline.text.startsWith('（三）企业应于2016年12月31日17:30前')).toBe(true);
    const contact = d.find('王国伟', 'contact');
    expect(contact.section).toEqual(['六、联系方式']);
    expect(contact.fields).toMatchObject({ office: '市经信局企业促进科', people: '王国伟、黎晓红', phones: '22220117、22220109' });
    // signature and date stand outside every section
    expect(d.find('东莞市人民政府办公室').section).toEqual([]);
    expect(d.find('2016年12月20日').section).toEqual([]);
  });

  it('04 云浮 talent call (PDF text): hard wraps re-joined, letter-spacing closed up, mismatched brackets repaired', () => {
    const d = load('04-yunfu-2022-talent-team-call.txt');
    expect(d.meta).toMatchObject({ year: 2022, kind: 'call', jurisdiction: { name: '云浮市', fullName: '广东省云浮市', level: 'city' } });
    expect(d.find('科研诚信失信记录的市内企业').text).toBe('(一）申报单位应为具有独立法人资格、经营情况良好，且无重大违法行为、科研诚信失信记录的市内企业。');
    expect(d.find('团队成员应具有').section).toEqual(['三、申报条件', '（一）创新创业团队']);
    expect(d.find('应取得全日制本科以上学历学位').section).toEqual(['三、申报条件', '（三）创业人才']);
    const window = d.find('截止时间为2022年11月10日');
    expect(window.section).toEqual(['四、申报时间、申报方式', '（一）申报时限']);
    expect(window.text).not.toMatch(/[\u4e00-\u9fff] [\u4e00-\u9fff]/); // "申 报 单 位" closed up
    expect(d.find('给予200万元资助').section).toEqual(['六、扶持措施']);
    expect(d.find('张舒怡', 'contact').fields).toEqual({ office: '成果专家科', people: '张舒怡', phones: '8921136' });
    expect(d.doc.text).not.toMatch(/扫一扫|打印本页/);
  });

  it('05 高新技术企业认定管理办法 (national; 第X章 › 第X条 › （一）)', () => {
    const d = load('05-national-2016-hitech-enterprise-measures.txt');
    expect(d.meta).toMatchObject({ title: '高新技术企业认定管理办法', year: 2016, kind: 'measures', jurisdiction: { name: '全国', fullName: '中华人民共和国', level: 'national' } });
    expect(d.headings().filter((h) => /^第.+章/.test(h))).toEqual(['第一章总则', '第二章组织与实施', '第三章认定条件与程序', '第四章监督管理', '第五章附则']);
    expect(d.headings().filter((h) => /^第.+条$/.test(h))).toHaveLength(23);
    expect(d.find('企业申请认定时须注册成立一年以上').section).toEqual(['第三章认定条件与程序', '第十一条']);
    expect(d.find('科技人员占企业当年职工总数的比例不低于10%').section).toEqual(['第三章认定条件与程序', '第十一条']);
    expect(d.find('随机抽取组成专家组').section).toEqual(['第三章认定条件与程序', '第十二条', '（二）专家评审']);
    expect(d.find('高新技术企业认定申请书').section).toEqual(['第三章认定条件与程序', '第十二条', '（一）企业申请']);
    expect(d.find('本办法自2016年1月1日起实施').section).toEqual(['第五章附则', '第二十三条']);
    // the article heading is the article number; its first sentence is the clause under it
    const art = d.records.find((r) => r.kind === 'heading' && r.section.at(-1) === '第二条')!;
    expect(d.find('本办法所称的高新技术企业是指').parentId).toBe(art.id);
  });

  it('07 广安 若干政策 (one line): notice header apart, 一、 › （一）…（二十四） numbered straight through', () => {
    const d = load('07-guangan-2022-ip-support-policies.txt');
    expect(d.meta).toMatchObject({ title: '广安市支持知识产权高质量发展若干政策（试行）', year: 2022, date: '2022-11-16', kind: 'policy', jurisdiction: { name: '广安市', level: 'city' } });
    expect(d.find('广安市人民政府办公室').section).toEqual([]);
    expect(d.find('现印发给你们').section).toEqual([]);
    expect(d.find('对新获得国家授权的发明专利').section).toEqual(['一、支持知识产权高质量创造', '（一）鼓励发明专利创造']);
    expect(d.find('同一发明专利被多个国家').section).toEqual(['一、支持知识产权高质量创造', '（二）鼓励发明专利海外布局']);
    expect(d.find('（二十四）本政策自2022年12月18日起施行').section).toEqual(['六、其他事项']);
    expect(d.headings(1).slice(1)).toEqual(['一、支持知识产权高质量创造', '二、支持知识产权高效益运用', '三、支持知识产权高标准保护', '四、支持知识产权高品质服务', '五、支持知识产权高水平管理', '六、其他事项']);
    // every （N） item of the straight-through list is found, heading or clause, 1 to 24 in order
    const items = d.records.filter((r) => /^（[一二三四五六七八九十]+）/.test(r.kind === 'heading' ? r.section.at(-1)! : r.text));
    expect(items).toHaveLength(24);
    expect(d.doc.text).not.toMatch(/扫一扫|\.pdf\(|\.mp3\(|HTML5/);
  });

  it('09 郑州 条例 (Markdown): # title, ## 第X章, 第X条 at paragraph start', () => {
    const d = load('09-zhengzhou-1997-sti-investment-regulation.txt');
    expect(d.meta).toMatchObject({ title: '郑州市科学技术投入条例', year: 1997, kind: 'regulation', jurisdiction: { name: '郑州市', fullName: '河南省郑州市', level: 'city' } });
    expect(d.doc.text).not.toMatch(/^#|INFO END/m);
    expect(d.headings().filter((h) => /^第.+条$/.test(h))).toHaveLength(40);
    expect(d.find('为保障对科学技术的投入').section).toEqual(['第一章总则', '第一条']);
    expect(d.find('引导、鼓励企业事业组织增加科学技术投入').section).toEqual(['第一章总则', '第三条']);
    expect(d.find('挪用、克扣或截留科技经费').section).toEqual(['第四章法律责任', '第三十六条']);
    expect(d.find('本条例自1997年11月1日起施行').section).toEqual(['第五章附则', '第四十条']);
  });

  it('12 广安 质量奖办法 (one line): notice, signature and date, then 第一章 › 第一条 … 第四十七条', () => {
    const d = load('12-guangan-2020-quality-award-measures.txt');
    expect(d.meta).toMatchObject({ title: '广安市质量奖评选管理办法', year: 2020, date: '2020-09-10', kind: 'measures' });
    expect(d.find('2020年9月10日').section).toEqual([]);
    expect(d.headings().filter((h) => /^第.+条$/.test(h))).toHaveLength(47);
    expect(d.headings().filter((h) => /^第.+章/.test(h))).toHaveLength(7);
    expect(d.find('为贯彻落实新发展理念').section).toEqual(['第一章总则', '第一条']);
    expect(d.find('每两年评选一次').section).toEqual(['第一章总则', '第四条']);
    expect(d.find('本办法自2020年10月12日起施行').section).toEqual(['第七章附则', '第四十七条']);
    // cross-references inside articles do not start articles
    expect(d.records.every((r) => r.kind !== 'heading' || !/第.+条第/.test(r.section.at(-1)!))).toBe(true);
  });

  it('no document yields a 专栏 from running text, and every record is the cleaned text at its offsets', () => {
    for (const f of fs.readdirSync(path.dirname(DIR.path)).filter((n) => n.endsWith('.txt'))) {
      const d = load(f);
      expect(d.records.filter((r) => r.zhuanlan), f).toEqual([]);
      for (const r of d.records) expect(d.doc.text.slice(r.start, r.end)).toBe(r.text);
      expect(d.records.length, f).toBeGreaterThan(20);
    }
  });
});
