// Metadata inferred from text (server/ingest/meta): the five corpus documents against their manifest
// entries, the six documents of ../shared/more-docs when present (markup stripped crudely here, as a
// later cleaning stage will do properly), and each rule on small synthetic texts.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { DocumentMeta } from '../server/kb/types.ts';
import { idFromFileName, inferMeta, mergeMeta, planPeriodStart, type InferredMeta } from '../server/ingest/meta/infer.ts';
import { kindOfTitle } from '../server/ingest/meta/kind.ts';
import { shortTitleOf } from '../server/ingest/meta/title.ts';
import { sharedFile } from './helpers/shared.ts';

const ROOT = path.resolve(import.meta.dirname, '..');
const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'corpus/manifest.json'), 'utf8')) as { documents: DocumentMeta[] };
const entry = (id: string) => manifest.documents.find((d) => d.id === id) as DocumentMeta;
const corpusMeta = (id: string) => inferMeta(fs.readFileSync(path.join(ROOT, 'corpus', entry(id).file), 'utf8'), entry(id).file);

const MORE_DOCS = sharedFile('more-docs');
const MORE = MORE_DOCS.path;

/** Crude markup stripping, enough to test on web pages: scripts, comments, tags (block tags → line breaks), entities. */
function crudeStrip(html: string): string {
  return html
    .replace(/<script[\s\S]*?<\/script>/gi, '')
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/<\/?(?:br|p|div|h[1-6]|li|tr)\b[^>]*>/gi, '\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}
const moreMeta = (file: string) => inferMeta(crudeStrip(fs.readFileSync(path.join(MORE, file), 'utf8')), file);

/** The fields every document is checked on, for one exact comparison. */
function summary(m: InferredMeta) {
  return { title: m.title, issuer: m.issuer, year: m.year, date: m.date, kind: m.kind, docNumber: m.docNumber, jurisdiction: m.jurisdiction };
}

describe('the five corpus documents against corpus/manifest.json', () => {
  it('000 城关区 call: every field as the manifest has it', () => {
    const m = entry('chengguan-2020-call');
    const got = corpusMeta('chengguan-2020-call');
    expect(summary(got)).toEqual({
      title: m.title,
      issuer: m.issuer,
      year: m.year,
      date: m.date,
      kind: m.kind,
      docNumber: m.docNumber,
      jurisdiction: m.jurisdiction,
    });
    // The wrapped, letter-spaced title "关于组织申报 2020 年度城关区" + "科技计划项目及人才…的通知" is re-joined.
    expect(got.title).toBe('关于组织申报2020年度城关区科技计划项目及人才创新创业项目的通知');
    expect(got.docNumber).toBe('城科﹝2020﹞1号');
    expect(got.evidence.jurisdiction).toBe('issuer "兰州市城关区科学技术局" (城关区 is ambiguous; its parent is named with it)');
    expect(got.shortTitle).toBe('申报城关区科技计划项目及人才创新创业项目');
  });

  it('001 兰州市 guide: title, year, kind and jurisdiction; no issuer or date in the text', () => {
    const m = entry('lanzhou-2022-guide');
    const got = corpusMeta('lanzhou-2022-guide');
    // The text is the attachment alone ("附件1" + title): no signature, so no issuer and no date;
    // the year comes from the title. The manifest's issuer 兰州市科学技术局 is not in the text.
    expect(summary(got)).toEqual({
      title: m.title,
      issuer: '',
      year: m.year,
      date: null,
      kind: m.kind,
      docNumber: null,
      jurisdiction: m.jurisdiction,
    });
    expect(got.evidence).toMatchObject({ title: 'first heading line', year: 'title', issuer: 'not found', date: 'not found' });
  });

  it('002 西宁市 guide: the notice title (the guide it issues does not start the text), kind from the carried 指南', () => {
    const m = entry('xining-2024-guide');
    const got = corpusMeta('xining-2024-guide');
    // No signature: the 西宁市科学技术局 of the 附件5 form cover stands over "二 ○ 二 三 年 制", a year, not a date.
    expect(summary(got)).toEqual({
      title: m.title,
      issuer: '',
      year: m.year,
      date: null,
      kind: m.kind,
      docNumber: null,
      jurisdiction: m.jurisdiction,
    });
    expect(got.evidence.kind).toBe('carried document title: 指南');
    expect(got.shortTitle).toBe('2024年西宁市科技计划项目申报指南');
  });

  it('003 甘肃省 plan: the carried plan is the title (its text follows the notice); the rest as the manifest', () => {
    const m = entry('gansu-14th-plan');
    const got = corpusMeta('gansu-14th-plan');
    // Rule: 关于印发X的通知 followed by the text of X → title X. The manifest keeps the notice's title
    // and has X as its short title.
    expect(summary(got)).toEqual({
      title: m.shortTitle,
      issuer: m.issuer,
      year: m.year,
      date: m.date,
      kind: m.kind,
      docNumber: m.docNumber,
      jurisdiction: m.jurisdiction,
    });
    expect(got.title).toBe('甘肃省“十四五”科技创新规划');
    // Full-width digits in "甘政办发 〔２０２１〕９０号" and "２０２１年９月２７日"; the 9月29日 印发 date is the print date.
    expect(got.docNumber).toBe('甘政办发〔2021〕90号');
    expect(got.date).toBe('2021-09-27');
    expect(got.evidence.title).toBe('carried document title (印发X的通知; the text of it follows)');
  });

  it('004 兰州新区 plan: new_area; the year is the first of the 十四五 period (2021), not the baseline 2020 of its text', () => {
    const m = entry('lanzhou-newarea-14th-plan');
    const got = corpusMeta('lanzhou-newarea-14th-plan');
    // No date, no year in the title, no document number. The first year in the text is 2020 ("2020年，
    // 兰州新区全社会研发经费…", the previous period's baseline); a “十四五” plan is issued in 2021–2025, so
    // its first year is the best the text allows (the manifest's 2022 is not in the text). No issuer either.
    expect(summary(got)).toEqual({
      title: m.title,
      issuer: '',
      year: 2021,
      date: null,
      kind: m.kind,
      docNumber: null,
      jurisdiction: m.jurisdiction,
    });
    expect(got.jurisdiction).toEqual({ name: '兰州新区', fullName: '甘肃省兰州新区', level: 'new_area' });
    expect(got.evidence.year).toBe('first year of the plan period in the title');
  });
});

describe.skipIf(!MORE_DOCS.present)(MORE_DOCS.title('../shared/more-docs'), () => {
  it('02 东莞 预申报: the h1 title as written (stray quote kept), signature 2016, not the page date 2017', () => {
    const got = moreMeta('02-dongguan-2016-doubling-plan-precall.txt');
    // The signature "东莞市人民政府办公室 / 2016年12月20日" outranks "发布时间：2017-09-25" (the page was
    // published later than the notice was signed); the text's title lost its opening quote and is kept as written.
    expect(summary(got)).toEqual({
      title: '关于组织实施东莞市重点企业规模与效益倍增计划”预申报的通知',
      issuer: '东莞市人民政府办公室',
      year: 2016,
      date: '2016-12-20',
      kind: 'call',
      docNumber: null,
      jurisdiction: { name: '东莞市', fullName: '广东省东莞市', level: 'city' },
    });
    expect(got.evidence.date).toBe('signature date (date line under the issuing body)');
  });

  it('04 云浮 call: no title in the text (file name), call from its 申报 sections, signature gives issuer and date', () => {
    const got = moreMeta('04-yunfu-2022-talent-team-call.txt');
    // The text starts at 一、申报对象: the README's title is not in it, so the file name stands in.
    expect(summary(got)).toEqual({
      title: '04-yunfu-2022-talent-team-call',
      issuer: '云浮市科学技术局',
      year: 2022,
      date: '2022-10-27',
      kind: 'call',
      docNumber: null,
      jurisdiction: { name: '云浮市', fullName: '广东省云浮市', level: 'city' },
    });
    expect(got.evidence.title).toBe('file name (the text has no title)');
    expect(got.evidence.kind).toBe('section headings about 申报 (no title word)');
  });

  it('05 高新技术企业认定管理办法: national from the interpretation clause; the cited 2008 number is not its own', () => {
    const got = moreMeta('05-national-2016-hitech-enterprise-measures.txt');
    // No signature: the bodies come from "本办法由科技部、财政部、税务总局负责解释" (the text says 税务总局,
    // not 国家税务总局). 国科发火〔2016〕32号 is not in the text; 国科发火[2008]172号 is cited in brackets
    // as the repealed predecessor. The date is the page's 发布时间.
    expect(summary(got)).toEqual({
      title: '高新技术企业认定管理办法',
      issuer: '科技部 财政部 税务总局',
      year: 2016,
      date: '2016-05-16',
      kind: 'measures',
      docNumber: null,
      jurisdiction: { name: '全国', fullName: '中华人民共和国', level: 'national' },
    });
    expect(got.evidence.title).toBe('carried document title (印发X的通知; the text of it follows)');
    expect(got.evidence.jurisdiction).toBe('national body in the issuer (科技部)');
  });

  it('07 广安 若干政策 (one line): carried title after the signature date, number from the attachment file name', () => {
    const got = moreMeta('07-guangan-2022-ip-support-policies.txt');
    expect(summary(got)).toEqual({
      title: '广安市支持知识产权高质量发展若干政策（试行）',
      issuer: '广安市人民政府办公室',
      year: 2022,
      date: '2022-11-16',
      kind: 'policy',
      docNumber: '广安府办规〔2022〕10号',
      jurisdiction: { name: '广安市', fullName: '四川省广安市', level: 'city' },
    });
    expect(got.shortTitle).toBe('广安市支持知识产权高质量发展若干政策');
    expect(got.evidence.docNumber).toBe('document number before a 关于… title');
  });

  it('09 郑州 条例 (Markdown): # title, the adopting body without its session numbers, the adoption date', () => {
    const got = moreMeta('09-zhengzhou-1997-sti-investment-regulation.txt');
    expect(summary(got)).toEqual({
      title: '郑州市科学技术投入条例',
      issuer: '郑州市人民代表大会常务委员会',
      year: 1997,
      date: '1997-06-25',
      kind: 'regulation',
      docNumber: null,
      jurisdiction: { name: '郑州市', fullName: '河南省郑州市', level: 'city' },
    });
    expect(got.evidence.title).toBe('Markdown # heading');
  });

  it('12 广安 质量奖 办法 (one line): notice, signature and 办法 run together', () => {
    const got = moreMeta('12-guangan-2020-quality-award-measures.txt');
    // The only number in the text, 广安府发〔2015〕36号, is the repealed predecessor's, in brackets.
    expect(summary(got)).toEqual({
      title: '广安市质量奖评选管理办法',
      issuer: '广安市人民政府办公室',
      year: 2020,
      date: '2020-09-10',
      kind: 'measures',
      docNumber: null,
      jurisdiction: { name: '广安市', fullName: '四川省广安市', level: 'city' },
    });
  });
});

describe('document numbers', () => {
  const num = (text: string) => inferMeta(text, 't.txt').docNumber;
  it('reads the header number in each bracket style, spaces removed and digits made ASCII', () => {
    expect(num('甘政办发 〔２０２１〕９０号\n关于印发某规划的通知')).toBe('甘政办发〔2021〕90号');
    expect(num('城科﹝2020﹞1 号\n关于组织申报的通知')).toBe('城科﹝2020﹞1号');
    expect(num('国科发火[2016]32号\n关于修订印发的通知')).toBe('国科发火[2016]32号');
    expect(num('川府发（2021）48号\n关于印发的通知')).toBe('川府发（2021）48号');
    expect(num('文号：京科发〔2022〕5号\n正文。')).toBe('京科发〔2022〕5号');
  });
  it('takes a number right before a 关于 title, never a cited one', () => {
    expect(num('相关附件：广安府办规〔2022〕10号关于印发某政策的通知.pdf')).toBe('广安府办规〔2022〕10号');
    expect(num('根据《关于强化知识产权保护的意见》（中办发〔2019〕56号）有关规定，制定本政策。')).toBeNull();
    expect(num('原《高新技术企业认定管理办法》（国科发火[2008]172号）同时废止。')).toBeNull();
  });
});

describe('dates and years', () => {
  it('reads Chinese-numeral signature dates', () => {
    const m = inferMeta('各单位：\n现将有关事项通知如下。\n宝鸡市科学技术局\n二〇二二年三月五日\n', 't.txt');
    expect([m.date, m.year, m.issuer, m.evidence.date]).toEqual(['2022-03-05', 2022, '宝鸡市科学技术局', 'signature date (date line under the issuing body)']);
    expect(inferMeta('宝鸡市科学技术局\n二○二一年十二月三十一日', 't.txt').date).toBe('2021-12-31');
    expect(inferMeta('宝鸡市科学技术局\n２０２１年９月２７日', 't.txt').date).toBe('2021-09-27');
  });
  it('prefers the signature to the page date, and skips effective and print dates', () => {
    const withSignature = '发布时间：2017-09-25 03:02:50\n正文。\n本办法自2018年1月1日起施行。\n宝鸡市人民政府办公室\n2016年12月20日\n宝鸡市人民政府办公室 2016年12月22日印发';
    expect(inferMeta(withSignature, 't.txt').date).toBe('2016-12-20');
    const pageOnly = '发布时间：2017-09-25 03:02:50\n正文。本办法自2018年1月1日起施行。';
    const m = inferMeta(pageOnly, 't.txt');
    expect([m.date, m.year, m.evidence.date]).toEqual(['2017-09-25', 2017, 'publication date (发布时间)']);
  });
  it('takes the adoption date and body of a regulation', () => {
    const m = inferMeta('# 宝鸡市科技创新促进条例\n\n2019年10月30日 宝鸡市第十六届人民代表大会常务委员会第二十三次会议通过\n\n第一条 为了…', 't.md');
    expect([m.date, m.issuer, m.kind, m.title]).toEqual(['2019-10-30', '宝鸡市人民代表大会常务委员会', 'regulation', '宝鸡市科技创新促进条例']);
  });
  it('falls back to the title year, then the document number, then the first year in the text', () => {
    expect(inferMeta('2023年度宝鸡市科技计划项目申报指南\n一、总体要求', 't.txt').year).toBe(2023);
    const byNumber = inferMeta('宝科发〔2019〕7号\n关于做好科技工作的通知\n各单位：按要求执行。', 't.txt');
    expect([byNumber.year, byNumber.evidence.year]).toEqual([2019, 'document number']);
    const byText = inferMeta('宝鸡市科技创新规划\n2020年，全市研发投入增长。', 't.txt');
    expect([byText.year, byText.evidence.year]).toEqual([2020, 'first year in the text']);
  });
});

describe('issuers and jurisdictions', () => {
  it('several national bodies in the signature make the document national', () => {
    const m = inferMeta('关于印发某办法的通知\n各有关单位：现印发给你们。\n科技部 财政部 国家税务总局\n2016年1月29日', 't.txt');
    expect([m.issuer, m.jurisdiction]).toEqual(['科技部 财政部 国家税务总局', { name: '全国', fullName: '中华人民共和国', level: 'national' }]);
    expect(m.evidence.jurisdiction).toBe('national body in the issuer (科技部)');
    expect(inferMeta('国务院办公厅关于印发某规划的通知\n各省、自治区人民政府：', 't.txt').jurisdiction.level).toBe('national');
  });
  it('settles an ambiguous 城关区 by the places the text names', () => {
    const lanzhou = inferMeta('关于开展科技工作的通知\n兰州市各单位，按兰州市要求、甘肃省部署执行。\n城关区科学技术局\n2020年1月10日', 't.txt');
    expect(lanzhou.jurisdiction).toEqual({ name: '城关区', fullName: '甘肃省兰州市城关区', level: 'district' });
    expect(lanzhou.evidence.jurisdiction).toBe(
      'issuer "城关区科学技术局" (城关区 is ambiguous; parents named in the text: 西藏自治区拉萨市城关区 0, 甘肃省兰州市城关区 3)',
    );
    const lhasa = inferMeta('关于开展科技工作的通知\n按拉萨市要求执行。\n城关区科学技术局\n2020年1月10日', 't.txt');
    expect(lhasa.jurisdiction).toEqual({ name: '城关区', fullName: '西藏自治区拉萨市城关区', level: 'district' });
    const neither = inferMeta('关于开展科技工作的通知\n城关区科学技术局\n2020年1月10日', 't.txt');
    expect(neither.jurisdiction.fullName).toBe('西藏自治区拉萨市城关区');
    expect(neither.evidence.jurisdiction).toContain('tie, first in gazetteer order');
  });
  it('兰州新区 is a new area under 甘肃省; 广安经开区 is no jurisdiction, 广安 is', () => {
    const m = inferMeta('关于开展科技工作的通知\n各单位：\n兰州新区管委会\n2022年5月1日', 't.txt');
    expect([m.issuer, m.jurisdiction]).toEqual(['兰州新区管委会', { name: '兰州新区', fullName: '甘肃省兰州新区', level: 'new_area' }]);
    const zone = inferMeta('关于开展科技工作的通知\n各单位：\n广安经开区管委会\n2022年5月1日', 't.txt');
    expect(zone.jurisdiction).toEqual({ name: '广安市', fullName: '四川省广安市', level: 'city' });
  });
  it('resolves any province, city or county with its parents, suffix-less names included', () => {
    const place = (issuer: string) => inferMeta(`关于开展科技工作的通知\n各单位：\n${issuer}\n2022年5月1日`, 't.txt').jurisdiction;
    expect(place('东莞市人民政府办公室')).toEqual({ name: '东莞市', fullName: '广东省东莞市', level: 'city' });
    expect(place('广东省科学技术厅')).toEqual({ name: '广东省', fullName: '广东省', level: 'province' });
    expect(place('北京市朝阳区科学技术和信息化局')).toEqual({ name: '朝阳区', fullName: '北京市朝阳区', level: 'district' });
    expect(place('临夏州科学技术局')).toEqual({ name: '临夏回族自治州', fullName: '甘肃省临夏回族自治州', level: 'city' });
    expect(place('广西科学技术厅')).toEqual({ name: '广西壮族自治区', fullName: '广西壮族自治区', level: 'province' });
  });
  it('says 未知 when no place is named', () => {
    const m = inferMeta('关于做好科技工作的通知\n各单位：请按要求执行。', 't.txt');
    expect([m.jurisdiction, m.evidence.jurisdiction, m.issuer]).toEqual([{ name: '未知', fullName: '未知', level: 'city' }, 'not found', '']);
  });
});

describe('titles', () => {
  it('Markdown # heading', () => {
    expect(inferMeta('# 宝鸡市科学技术奖励办法\n\n## 第一章 总则\n\n第一条 为了…', 't.md').title).toBe('宝鸡市科学技术奖励办法');
  });
  it('carried document in line text: the text of X follows the notice', () => {
    const text = '宝鸡市人民政府办公室关于印发宝鸡市科技型企业培育办法的通知\n宝政办发〔2023〕3号\n各县区人民政府：\n《宝鸡市科技型企业培育办法》已经市政府同意，现印发给你们，请认真执行。\n宝鸡市人民政府办公室\n2023年3月1日\n宝鸡市科技型企业培育办法\n第一条 为了…';
    const m = inferMeta(text, 't.txt');
    expect([m.title, m.kind, m.issuer, m.docNumber, m.date]).toEqual(['宝鸡市科技型企业培育办法', 'measures', '宝鸡市人民政府办公室', '宝政办发〔2023〕3号', '2023-03-01']);
  });
  it('one-line text: the carried title after the signature date', () => {
    const text = '各区县科技局：《宝鸡市科技型中小企业培育办法（试行）》已经市政府同意，现印发给你们，请认真执行。宝鸡市科学技术局2023年3月1日宝鸡市科技型中小企业培育办法（试行）第一条为了培育科技型中小企业，制定本办法。';
    const m = inferMeta(text, 't.txt');
    expect([m.title, m.shortTitle, m.issuer, m.date, m.kind]).toEqual([
      '宝鸡市科技型中小企业培育办法（试行）', '宝鸡市科技型中小企业培育办法', '宝鸡市科学技术局', '2023-03-01', 'measures',
    ]);
    expect(m.jurisdiction).toEqual({ name: '宝鸡市', fullName: '陕西省宝鸡市', level: 'city' });
  });
  it('one-line text without a 《X》 preamble: a title phrase after the signature date, or before 第一章', () => {
    const after = inferMeta('各单位：现印发给你们，请遵照执行。宝鸡市人民政府办公室2021年5月6日宝鸡市促进科技成果转化若干措施一、总体要求为了…', 't.txt');
    expect([after.title, after.evidence.title, after.kind]).toEqual(['宝鸡市促进科技成果转化若干措施', 'title after the signature date', 'policy']);
    const opening = inferMeta('关于印发宝鸡市科技奖励办法的通知各区县人民政府：现印发给你们。宝鸡市人民政府2023年1月5日附件略', 't.txt');
    expect([opening.title, opening.evidence.title, opening.kind]).toEqual(['关于印发宝鸡市科技奖励办法的通知', '关于…的通知 line at the top', 'measures']);
    const before = inferMeta('宝鸡市科技计划项目管理办法第一章总则第一条为规范管理，制定本办法。', 't.txt');
    expect([before.title, before.evidence.title]).toEqual(['宝鸡市科技计划项目管理办法', 'title before 第一章/第一条/一、']);
  });
  it('a page without the title in its text: the attachment named by number and title gives it', () => {
    const text = '各单位：为加快林业发展，现就有关工作提出如下实施意见。一、总体要求坚持生态优先。附件：重点任务分工表宝鸡市人民政府2022年9月2日相关附件：宝政规〔2022〕6号关于加快推进林业经济高质量发展的实施意见.pdf(/a/b.pdf)二维码';
    const m = inferMeta(text, 't.txt');
    // The caption "重点任务分工表" runs into the signature: the body starts at the place name.
    expect([m.title, m.kind, m.docNumber, m.issuer, m.date]).toEqual([
      '关于加快推进林业经济高质量发展的实施意见', 'policy', '宝政规〔2022〕6号', '宝鸡市人民政府', '2022-09-02',
    ]);
    expect(m.evidence.title).toBe('attachment name after the document number (…号关于….pdf)');
  });
  it('a notice body with no title anywhere: the file name; its kind from 提出如下意见', () => {
    const m = inferMeta('各单位：为做好养老服务，现提出如下意见。一、总体要求…宝鸡市人民政府办公室2019年8月8日', 'p46.txt');
    expect([m.title, m.kind, m.evidence.kind, m.issuer]).toEqual(['p46', 'policy', '提出如下意见 in the text (no title word)', '宝鸡市人民政府办公室']);
  });
  it('转发: the forwarded document is the carried title', () => {
    const text = '各单位：市科技局《关于做好科技特派员工作的实施方案》已经市政府同意，现转发你们，请认真组织实施。宝鸡市人民政府办公室2017年3月15日关于做好科技特派员工作的实施方案为做好…';
    const m = inferMeta(text, 't.txt');
    expect([m.title, m.evidence.title]).toEqual(['关于做好科技特派员工作的实施方案', 'carried document title (《X》…印发/转发; the text of it follows)']);
  });
  it('short titles', () => {
    expect(shortTitleOf('郑州市科学技术投入条例')).toBe('郑州市科学技术投入条例');
    // Years go only when the rest is still long.
    expect(shortTitleOf('关于印发2024年西宁市科技计划项目申报指南的通知')).toBe('2024年西宁市科技计划项目申报指南');
    expect(shortTitleOf('关于组织申报2020年度城关区科技计划项目及人才创新创业项目的通知')).toBe('申报城关区科技计划项目及人才创新创业项目');
    expect(shortTitleOf('广安市支持知识产权高质量发展若干政策（试行）')).toBe('广安市支持知识产权高质量发展若干政策');
    expect(shortTitleOf('甘肃省人民政府办公厅关于印发甘肃省“十四五”科技创新规划的通知')).toBe('甘肃省“十四五”科技创新规划');
    expect(shortTitleOf('关于进一步加强和改进全市科技创新平台建设与运行管理工作的实施意见')).toBe('全市科技创新平台建设与运行管理工作的实施意见'.slice(0, 20) + '…');
  });
});

describe('kinds', () => {
  it('maps title words to kinds in rule order', () => {
    const kind = (t: string) => kindOfTitle(t)?.kind ?? null;
    expect(kind('2022年度兰州市科技计划项目申报指南')).toBe('guide');
    expect(kind('关于印发2024年西宁市科技计划项目申报指南的通知')).toBe('guide');
    expect(kind('关于征集2023年度科技计划项目指南建议的通知')).toBe('call');
    expect(kind('关于组织申报2020年度城关区科技计划项目的通知')).toBe('call');
    expect(kind('关于组织实施倍增计划预申报的通知')).toBe('call');
    expect(kind('关于印发某项目申报实施方案的通知')).toBe('call');
    expect(kind('甘肃省“十四五”科技创新规划')).toBe('plan');
    expect(kind('高新技术企业认定管理办法')).toBe('measures');
    expect(kind('某市科技计划项目管理实施细则')).toBe('measures');
    expect(kind('郑州市科学技术投入条例')).toBe('regulation');
    expect(kind('广安市支持知识产权高质量发展若干政策（试行）')).toBe('policy');
    expect(kind('关于加快科技创新的实施意见')).toBe('policy');
    expect(kind('关于公布2022年科技项目立项名单的通知')).toBe('notice');
    expect(kind('科技创新白皮书')).toBeNull();
  });
  it('a notice that carries a 办法 is measures even when the 办法 text is not included', () => {
    const m = inferMeta('关于印发《宝鸡市科技奖励办法》的通知\n各单位：现将《宝鸡市科技奖励办法》印发给你们。\n附件：宝鸡市科技奖励办法', 't.txt');
    expect([m.title, m.kind, m.evidence.kind]).toEqual(['关于印发《宝鸡市科技奖励办法》的通知', 'measures', 'carried document title: 办法/细则/规定']);
  });
});

describe('idFromFileName', () => {
  it('keeps an ASCII name as its id', () => {
    expect(idFromFileName('02-dongguan-2016-doubling-plan-precall.txt')).toBe('02-dongguan-2016-doubling-plan-precall');
    expect(idFromFileName('/some/dir/My Policy_File.v2.TXT')).toBe('my-policy-file-v2');
  });
  it('hashes a Chinese name: doc- + 10 hex of sha256(file name), stable', () => {
    const name = '郑州市科学技术投入条例.md';
    const expected = `doc-${createHash('sha256').update(name).digest('hex').slice(0, 10)}`;
    expect(idFromFileName(name)).toBe(expected);
    expect(idFromFileName(`corpus/${name}`)).toBe(expected);
    expect(expected).toMatch(/^doc-[0-9a-f]{10}$/);
    expect(idFromFileName('郑州市科学技术投入条例（修订）.md')).not.toBe(expected);
  });
});

describe('mergeMeta', () => {
  const inferred: InferredMeta = {
    title: '关于组织申报2020年度城关区科技计划项目的通知',
    shortTitle: '申报城关区科技计划项目',
    issuer: '兰州市城关区科学技术局',
    jurisdiction: { name: '城关区', fullName: '甘肃省兰州市城关区', level: 'district' },
    year: 2020,
    kind: 'call',
    docNumber: '城科﹝2020﹞1号',
    date: '2020-01-10',
    evidence: {},
  };
  it('explicit fields win; inferred lists only the fields not given', () => {
    const meta = mergeMeta('x-id', 'x.txt', 'text', inferred, { title: '城关区科技计划申报通知', year: 2021, docNumber: null });
    expect(meta).toEqual({
      id: 'x-id',
      file: 'x.txt',
      title: '城关区科技计划申报通知',
      shortTitle: '城关区科技计划申报', // derived from the explicit title, not the inferred one
      issuer: '兰州市城关区科学技术局',
      jurisdiction: { name: '城关区', fullName: '甘肃省兰州市城关区', level: 'district' },
      year: 2021,
      kind: 'call',
      docNumber: null,
      date: '2020-01-10',
      format: 'text',
      inferred: ['shortTitle', 'issuer', 'jurisdiction', 'kind', 'date'],
    });
  });
  it('a full manifest entry comes back unchanged, with no inferred list', () => {
    const m = entry('gansu-14th-plan');
    expect(mergeMeta('other', 'other.txt', 'text', inferred, m)).toEqual(m);
  });
  it('nothing explicit: everything inferred', () => {
    const meta = mergeMeta('x-id', 'x.md', 'markdown', inferred, {});
    expect(meta.inferred).toEqual(['title', 'shortTitle', 'issuer', 'jurisdiction', 'year', 'kind', 'docNumber', 'date']);
    expect([meta.title, meta.shortTitle, meta.format]).toEqual([inferred.title, inferred.shortTitle, 'markdown']);
  });
});

describe('plan period in a title', () => {
  it('names the first year of the five-year plan, and nothing for other uses of 十五', () => {
    expect(planPeriodStart('兰州新区“十四五”科技创新规划')).toBe(2021);
    expect(planPeriodStart('某省“十三五”科技创新规划')).toBe(2016);
    expect(planPeriodStart('国家“十一五”科学技术发展规划')).toBe(2006);
    expect(planPeriodStart('某市“十五五”科技创新规划')).toBe(2026);
    expect(planPeriodStart('某市国民经济和社会发展第十四个五年规划纲要')).toBe(2021);
    expect(planPeriodStart('支持科技创新的十五条措施')).toBe(0);
    expect(planPeriodStart('2022年度兰州市科技计划项目申报指南')).toBe(0);
  });

  it('a 十四五 plan without a date takes 2021 over the 2020 baseline of its text; a year in the title still wins', () => {
    const plan = '某市“十四五”科技创新规划\n一、发展基础\n2020年，全市研发经费投入强度达到1.8%。\n二、主要目标\n到2025年，投入强度达到2.5%。\n';
    const got = inferMeta(plan, 'plan.txt');
    expect(got.year).toBe(2021);
    expect(got.evidence.year).toBe('first year of the plan period in the title');
    const dated = inferMeta('2023年某市“十四五”科技创新规划中期评估\n一、总体情况\n2020年，全市研发经费投入强度达到1.8%。\n', 'mid.txt');
    expect(dated.year).toBe(2023);
  });
});
