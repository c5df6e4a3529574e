// Mutation tests of the structure parser (server/ingest/structure/parse.ts, issue 14, test/MUTATION.md
// "Ingest cleaning and structure"), second round: made-up lines that tell apart the header and closing
// patterns' anchors, carried titles with spaces or nested brackets, office labels in contact sections,
// form labels and wrapped attachment titles. Each document is parsed to its exact blocks.
// Rule of vitest.stryker.config.ts: the modules are called inside tests only.
import { describe, expect, it } from 'vitest';
import { META } from './helpers/parsed-blocks.ts';
import { parseDocument } from '../server/ingest/structure/index.ts';


/** Each block as [kind, section path joined with " / ", text, fields?, flags?]; offsets checked. */
function blocks(lines: string[]) {
  const { doc, report } = parseDocument(lines.join('\n'), META);
  for (const b of doc.blocks) expect(doc.text.slice(b.start, b.end), b.text).toBe(b.text);
  const rows = doc.blocks.map((b) => [b.kind, b.section.join(' / '), b.text, ...(b.fields ? [b.fields] : []), ...(b.flags ? [b.flags] : [])]);
  return { rows, breaks: report.numberingBreaks };
}

const CALL = '关于做好项目申报工作的通知';

describe('header: a document number or red header with more text on its line is the title, not a header line', () => {
  it('"某科发〔2024〕12号" run into the title: the whole line is the title (the document number pattern is anchored at its end)', () => {
    const t = '某科发〔2024〕12号关于做好项目申报工作的通知';
    expect(blocks([t, '一、申报要求', '请按时申报。']).rows).toEqual([
      ['heading', t, t],
      ['heading', '一、申报要求', '一、申报要求'],
      ['clause', '一、申报要求', '请按时申报。'],
    ]);
  });

  it('a title ending in a document number: the whole line is the title (the pattern is anchored at its start)', () => {
    const t = '关于做好项目申报工作的通知某科发〔2024〕12号';
    expect(blocks([t, '一、申报要求', '请按时申报。']).rows).toEqual([
      ['heading', t, t],
      ['heading', '一、申报要求', '一、申报要求'],
      ['clause', '一、申报要求', '请按时申报。'],
    ]);
  });

  it('"某某市科学技术局文件" run into the title: the whole line is the title', () => {
    const t = '某某市科学技术局文件关于做好项目申报工作的通知';
    expect(blocks([t, '一、申报要求', '请按时申报。']).rows).toEqual([
      ['heading', t, t],
      ['heading', '一、申报要求', '一、申报要求'],
      ['clause', '一、申报要求', '请按时申报。'],
    ]);
  });

  it('a 关于 title ending in 文件 after a year is the title, not a red header', () => {
    const t = '关于公布2024年度现行有效规范性文件';
    expect(blocks([t, '一、申报要求', '请按时申报。']).rows).toEqual([
      ['heading', t, t],
      ['heading', '一、申报要求', '一、申报要求'],
      ['clause', '一、申报要求', '请按时申报。'],
    ]);
  });
});

describe('closing: signature and colophon patterns match whole lines only', () => {
  it('"联系单位：某某市科学技术局" above the date is a contact under its heading, not the signature', () => {
    expect(blocks([CALL, '一、申报要求', '请按时申报。', '联系单位：某某市科学技术局', '2024年3月1日']).rows).toEqual([
      ['heading', CALL, CALL],
      ['heading', '一、申报要求', '一、申报要求'],
      ['clause', '一、申报要求', '请按时申报。'],
      ['contact', '一、申报要求', '联系单位：某某市科学技术局', { office: '某某市科学技术局' }],
      ['clause', '', '2024年3月1日'],
    ]);
  });

  it('"（此件主动公开）" with more text after it is body text: it neither leaves the section nor closes it', () => {
    expect(blocks([CALL, '一、申报要求', '请按时申报。', '（此件主动公开）联系人：张三', '逾期不予受理。']).rows).toEqual([
      ['heading', CALL, CALL],
      ['heading', '一、申报要求', '一、申报要求'],
      ['clause', '一、申报要求', '请按时申报。'],
      ['clause', '一、申报要求', '（此件主动公开）联系人：张三'],
      ['clause', '一、申报要求', '逾期不予受理。'],
    ]);
  });

  it('a "…印发" line with more text after the date is body text, not the colophon', () => {
    const l = '某某市科学技术局办公室 2024年3月1日印发（共印20份）';
    expect(blocks([CALL, '一、申报要求', '请按时申报。', l, '逾期不予受理。']).rows).toEqual([
      ['heading', CALL, CALL],
      ['heading', '一、申报要求', '一、申报要求'],
      ['clause', '一、申报要求', '请按时申报。'],
      ['clause', '一、申报要求', l],
      ['clause', '一、申报要求', '逾期不予受理。'],
    ]);
  });
});

describe('carried titles', () => {
  it('an opinion implementing "《关于印发某某办法的通知》" carries nothing: a line "某某办法" below it stays a clause of the opinion', () => {
    const t = '关于贯彻落实《关于印发某某办法的通知》的实施意见';
    expect(blocks([t, '某某办法', '一、总体要求', '请认真落实。']).rows).toEqual([
      ['heading', t, t],
      ['clause', t, '某某办法'],
      ['heading', '一、总体要求', '一、总体要求'],
      ['clause', '一、总体要求', '请认真落实。'],
    ]);
  });

  it('a carried title holding 〈〉 inside 《》 keeps them and is found on its own line', () => {
    const n = '关于印发《某某市〈中国制造2025〉实施办法》的通知';
    const c = '某某市〈中国制造2025〉实施办法';
    expect(blocks([n, '各有关单位：', '现将办法印发给你们。', c, '第一条 为了规范管理，制定本办法。']).rows).toEqual([
      ['heading', n, n],
      ['clause', n, '各有关单位：'],
      ['clause', n, '现将办法印发给你们。'],
      ['heading', c, c],
      ['heading', '第一条', '第一条'],
      ['clause', '第一条', '为了规范管理，制定本办法。'],
    ]);
  });

  it('a space inside the notice title\'s 《》 does not hide the carried title written without it', () => {
    const n = '关于印发《某某市 科技计划项目管理办法》的通知';
    const nc = '关于印发《某某市科技计划项目管理办法》的通知';
    const c = '某某市科技计划项目管理办法';
    expect(blocks([n, '各有关单位：', '现将办法印发给你们。', c, '第一条 为了规范管理，制定本办法。']).rows).toEqual([
      ['heading', nc, n],
      ['clause', nc, '各有关单位：'],
      ['clause', nc, '现将办法印发给你们。'],
      ['heading', c, c],
      ['heading', '第一条', '第一条'],
      ['clause', '第一条', '为了规范管理，制定本办法。'],
    ]);
  });

  it('a page repeating the 办法\'s name above its notice, notice and carried line both spaced: notice and carried title headings', () => {
    const c = '某某市科技计划项目管理办法';
    expect(blocks([c, '关于印发某某市 科技计划项目管理办法的通知', '某某市 科技计划项目管理办法', '第一条 为了规范管理，制定本办法。']).rows).toEqual([
      ['heading', c, c],
      ['heading', '关于印发某某市科技计划项目管理办法的通知', '关于印发某某市 科技计划项目管理办法的通知'],
      ['heading', c, '某某市 科技计划项目管理办法'],
      ['heading', '第一条', '第一条'],
      ['clause', '第一条', '为了规范管理，制定本办法。'],
    ]);
  });

  it('a notice line after the 办法\'s name that is not followed by the name again is a clause: the line before it is not its carried title', () => {
    const c = '某某市科技计划项目管理办法';
    const n = '关于印发某某市科技计划项目管理办法的通知';
    expect(blocks([c, n, '各有关单位：', '现将办法印发给你们。', '第一条 为了规范管理，制定本办法。']).rows).toEqual([
      ['heading', c, c],
      ['clause', c, n],
      ['clause', c, '各有关单位：'],
      ['clause', c, '现将办法印发给你们。'],
      ['heading', '第一条', '第一条'],
      ['clause', '第一条', '为了规范管理，制定本办法。'],
    ]);
  });

  it('a document ending in a notice line that names its title parses (no line after it to compare)', () => {
    const c = '某某市科技计划项目管理办法';
    const n = '关于印发某某市科技计划项目管理办法的通知';
    expect(blocks([c, n]).rows).toEqual([
      ['heading', c, c],
      ['clause', c, n],
    ]);
  });

  it('one-line page: the 指南 title after the notice\'s date is the carried title even when the line before the date is the 关于 notice title', () => {
    const g = '某某市科技计划项目申报指南';
    const t = '关于做好2024年度项目申报工作的通知';
    expect(blocks([t, '2024年3月1日', g, '一、支持方向', '支持研发。']).rows).toEqual([
      ['heading', t, t],
      ['clause', '', '2024年3月1日'],
      ['heading', g, g],
      ['heading', '一、支持方向', '一、支持方向'],
      ['clause', '一、支持方向', '支持研发。'],
    ]);
  });

  it('a notice line between the notice\'s date and its carried title stays under the notice (the date closes nothing inside the notice)', () => {
    const n = '关于印发某某办法的通知';
    expect(blocks([n, '各有关单位：', '现将某某办法印发给你们。', '某某市科学技术局', '2024年3月1日', '请各单位认真贯彻执行。', '某某办法', '第一条 为了规范管理，制定本办法。']).rows).toEqual([
      ['heading', n, n],
      ['clause', n, '各有关单位：'],
      ['clause', n, '现将某某办法印发给你们。'],
      ['clause', n, '某某市科学技术局'],
      ['clause', n, '2024年3月1日'],
      ['clause', n, '请各单位认真贯彻执行。'],
      ['heading', '某某办法', '某某办法'],
      ['heading', '第一条', '第一条'],
      ['clause', '第一条', '为了规范管理，制定本办法。'],
    ]);
  });
});

describe('contact sections: office labels, field lists, where they end', () => {
  it('an office label over 14 characters ("某某市科学技术局高新技术发展科：张三") is read with the phone line below as one contact', () => {
    expect(blocks(['一、申报要求', '请按时申报。', '二、联系方式', '某某市科学技术局高新技术发展科：张三', '电话：0769-12345678']).rows).toEqual([
      ['heading', '一、申报要求', '一、申报要求'],
      ['clause', '一、申报要求', '请按时申报。'],
      ['heading', '二、联系方式', '二、联系方式'],
      ['contact', '二、联系方式', '某某市科学技术局高新技术发展科：张三\n电话：0769-12345678', { office: '某某市科学技术局高新技术发展科', people: '张三', phones: '0769-12345678' }],
    ]);
  });

  it('a numbered office lead-in whose text after the marker is 13 characters ("1.某某市科学技术局项目管理科：") heads the contact lines below it', () => {
    expect(blocks(['一、申报要求', '请按时申报。', '二、联系方式', '1.某某市科学技术局项目管理科：', '联系人：张三', '电话：0769-12345678']).rows).toEqual([
      ['heading', '一、申报要求', '一、申报要求'],
      ['clause', '一、申报要求', '请按时申报。'],
      ['heading', '二、联系方式', '二、联系方式'],
      ['heading', '二、联系方式 / 1.某某市科学技术局项目管理科', '1.某某市科学技术局项目管理科'],
      ['contact', '二、联系方式 / 1.某某市科学技术局项目管理科', '联系人：张三\n电话：0769-12345678', { people: '张三', phones: '0769-12345678' }],
    ]);
  });
  it('a numbered "field：person" line whose field is 59 characters (61 with its marker) is a listed field contact: the list ends at the next un-numbered line', () => {
    const f = '新一代信息技术、高端装备制造、新材料、生物医药、新能源、节能环保、数字创意、现代农业、海洋经济、现代服务业、文旅等领域';
    expect([...f].length).toBe(59);
    expect(blocks(['一、申报要求', '请按时申报。', '（一）联系方式', `1.${f}：张三`, '请于3月31日前报送。']).rows).toEqual([
      ['heading', '一、申报要求', '一、申报要求'],
      ['clause', '一、申报要求', '请按时申报。'],
      ['heading', '一、申报要求 / （一）联系方式', '（一）联系方式'],
      ['contact', '一、申报要求 / （一）联系方式', `1.${f}：张三`, { office: '某局', field: f, people: '张三' }],
      ['clause', '一、申报要求', '请于3月31日前报送。'],
    ]);
  });

  it('after the contacts end at an "附件：" line, an item ending in 。 and the line after it are clauses, not contacts', () => {
    expect(blocks(['一、申报要求', '请按时申报。', '二、联系方式', '联系人：张三', '电话：0769-12345678', '附件：申请表', '1.请于3月31日前报送纸质材料一式两份。', '逾期不予受理。']).rows).toEqual([
      ['heading', '一、申报要求', '一、申报要求'],
      ['clause', '一、申报要求', '请按时申报。'],
      ['heading', '二、联系方式', '二、联系方式'],
      ['contact', '二、联系方式', '联系人：张三\n电话：0769-12345678', { people: '张三', phones: '0769-12345678' }],
      ['clause', '二、联系方式', '附件：申请表'],
      ['clause', '二、联系方式', '1.请于3月31日前报送纸质材料一式两份。'],
      ['clause', '二、联系方式', '逾期不予受理。'],
    ]);
  });
});

describe('attachments: form labels and wrapped titles', () => {
  it('a lead-in of more than 8 characters ending in ：after "附件1" is the attachment\'s title, not a form label', () => {
    expect(blocks([CALL, '一、申报要求', '请按时申报。', '附件：', '附件1', '申报单位须提交以下材料：', '1.申请表', '2.营业执照']).rows).toEqual([
      ['heading', CALL, CALL],
      ['heading', '一、申报要求', '一、申报要求'],
      ['clause', '一、申报要求', '请按时申报。'],
      ['heading', '一、申报要求 / 附件', '附件'],
      ['heading', '附件1', '附件1'],
      ['heading', '附件1 / 申报单位须提交以下材料', '申报单位须提交以下材料：'],
      ['heading', '附件1 / 申报单位须提交以下材料 / 1.申请表', '1.申请表'],
      ['heading', '附件1 / 申报单位须提交以下材料 / 2.营业执照', '2.营业执照'],
    ]);
  });

  it('an attachment title wrapped onto a spaced second line ("申报 指南") is joined into one title', () => {
    const g = '附件1 / 某某市科技计划项目申报指南';
    expect(blocks([CALL, '一、申报要求', '请按时申报。', '附件1', '某某市科技计划项目', '申报 指南', '一、支持方向', '支持研发。']).rows).toEqual([
      ['heading', CALL, CALL],
      ['heading', '一、申报要求', '一、申报要求'],
      ['clause', '一、申报要求', '请按时申报。'],
      ['heading', '附件1', '附件1'],
      ['heading', g, '某某市科技计划项目\n申报 指南'],
      ['heading', g + ' / 一、支持方向', '一、支持方向'],
      ['clause', g + ' / 一、支持方向', '支持研发。'],
    ]);
  });
});

describe('items: what the next line says about a line ending in 。', () => {
  it('"（1）加强组织领导。" followed by a bare-numbered "1建立…" line heads it (a bare number is no sibling)', () => {
    expect(blocks(['一、重点任务', '（1）加强组织领导。', '1建立协调机制，定期会商。', '（2）强化资金保障。', '加大投入。']).rows).toEqual([
      ['heading', '一、重点任务', '一、重点任务'],
      ['heading', '一、重点任务 / （1）加强组织领导', '（1）加强组织领导'],
      ['clause', '一、重点任务 / （1）加强组织领导', '1建立协调机制，定期会商。'],
      ['heading', '一、重点任务 / （2）强化资金保障', '（2）强化资金保障'],
      ['clause', '一、重点任务 / （2）强化资金保障', '加大投入。'],
    ]);
  });

  it('"（一）加强组织领导。" followed by "2、重点任务" read as the second chapter heads nothing: it is a clause', () => {
    expect(blocks(['一、总体要求', '（一）加强组织领导。', '2、重点任务', '（一）强化资金保障。', '加大投入。']).rows).toEqual([
      ['heading', '一、总体要求', '一、总体要求'],
      ['clause', '一、总体要求', '（一）加强组织领导。'],
      ['heading', '2、重点任务', '2、重点任务'],
      ['heading', '2、重点任务 / （一）强化资金保障', '（一）强化资金保障'],
      ['clause', '2、重点任务 / （一）强化资金保障', '加大投入。'],
    ]);
  });

  it('"2、其他事项" read as the second chapter ends a contact section under "一、联系方式"', () => {
    expect(blocks(['一、联系方式', '联系人：张三', '电话：0769-12345678', '2、其他事项', '请按时申报。']).rows).toEqual([
      ['heading', '一、联系方式', '一、联系方式'],
      ['contact', '一、联系方式', '联系人：张三\n电话：0769-12345678', { people: '张三', phones: '0769-12345678' }],
      ['heading', '2、其他事项', '2、其他事项'],
      ['clause', '2、其他事项', '请按时申报。'],
    ]);
  });
});

describe('blank forms: where a form ends', () => {
  const head = [CALL, '一、申报要求', '请按时申报。', '附件1', '某某市科技项目申请表', '项目名称：'];
  const formRows = [
    ['heading', CALL, CALL],
    ['heading', '一、申报要求', '一、申报要求'],
    ['clause', '一、申报要求', '请按时申报。'],
    ['heading', '附件1', '附件1', ['form-template']],
    ['heading', '附件1 / 某某市科技项目申请表', '某某市科技项目申请表', ['form-template']],
    ['form_field', '附件1 / 某某市科技项目申请表', '项目名称：', { label: '项目名称' }, ['form-template']],
  ];
  const title = '某某市科学技术局关于2024年度高新技术企业培育库入库企业研发投入后补助资金申报项目及配套资金安排使用情况';

  it('an "附件2 …汇总表" line of exactly 60 characters ends the form and starts attachment 2 (a form itself)', () => {
    const l = `附件2 ${title}汇总表`;
    expect([...l].length).toBe(60);
    expect(blocks([...head, l, '项目名称：']).rows).toEqual([
      ...formRows,
      ['heading', '附件2', l, ['form-template']],
      ['form_field', '附件2', '项目名称：', { label: '项目名称' }, ['form-template']],
    ]);
  });

  it('an "附件2 …" line over 60 characters is no attachment heading: the form runs on over it (kind, text, flags)', () => {
    const l = `附件2 ${title}明细汇总表`;
    expect([...l].length).toBe(62);
    const { rows } = blocks([...head, l, '项目名称：']);
    expect(rows.slice(0, 6)).toEqual(formRows);
    expect(rows.slice(6).map((r) => [r[0], r[2], r.at(-1)])).toEqual([
      ['clause', l, ['form-template']],
      ['form_field', '项目名称：', ['form-template']],
    ]);
  });

  it('an "附件3 …" line inside attachment 1\'s form does not end it: the form runs to "附件2"', () => {
    expect(blocks([...head, '附件3 营业执照复印件', '申请单位：', '附件2', '某某市科技项目汇总表', '项目名称：']).rows).toEqual([
      ...formRows,
      ['heading', '附件3营业执照复印件', '附件3 营业执照复印件', ['form-template']],
      ['form_field', '附件3营业执照复印件', '申请单位：', { label: '申请单位' }, ['form-template']],
      ['heading', '附件2', '附件2', ['form-template']],
      ['heading', '附件2 / 某某市科技项目汇总表', '某某市科技项目汇总表', ['form-template']],
      ['form_field', '附件2 / 某某市科技项目汇总表', '项目名称：', { label: '项目名称' }, ['form-template']],
    ]);
  });
});
