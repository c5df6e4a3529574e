// A blank application form carried as an attachment (申报书, 申请表): Word gives each table cell on
// its own tab-indented line, most of them empty. Each non-empty cell becomes a form_field record
// (a cell made of very short lines, "项目/申请/单位/信息", is a row-group label for the cells after
// it); empty, tab-only, box-only (□) and bare row-number cells are dropped, as are date
// placeholders. Chapter and decimal headings of the form stay headings; "法定代表人签字：" is a field.

import type { Line } from '../clean/types.ts';
import { Outline, cleanTitle, emitItem, trimSpan, type Span } from './outline.ts';
import { parseMarker } from '../markers.ts';

/** Flag of records inside a blank form template. */
export const FORM_TEMPLATE = 'form-template';
/** An attachment whose title ends like this is a form to fill in. */
export const FORM_TITLE = /(?:申报书|申请书|申请表|登记表|任务书|推荐表|汇总表|信息表|承诺书|备案表)$/;

const PLACEHOLDER_DATE = /^[二〇○零\s]*年\s*月\s*日$/;
const EMPTY_CELL = /^[\s\u3000□☐\d]*$/;
/** Blank lines between two cells that mark the end of a row group (measured on 002: groups have gaps ≤ 3). */
const GROUP_BREAK_GAP = 6;

export interface FormSink {
  out: Outline;
  /** Append a paragraph (the text of lines first..last joined) to the cleaned text; returns its span. */
  para(text: string): Span;
}

/**
 * Read form lines from `from` up to (not including) `to`. Cells continue on following non-tab lines
 * ("项目" "申请" "单位" "信息"); returns nothing, emits into the sink.
 */
export function readForm(lines: Line[], from: number, to: number, sink: FormSink): void {
  const { out } = sink;
  let group = '';
  for (let i = from; i < to; i++) {
    const l = lines[i];
    const gap = l.blankBefore;
    if (l.lead.includes('\t')) {
      const parts = [l.text];
      while (i + 1 < to && !lines[i + 1].lead.includes('\t') && lines[i + 1].blankBefore === 0 && !parseMarker(lines[i + 1].text)) parts.push(lines[++i].text);
      const text = parts.join('');
      const isGroup = parts.length > 1 && parts.every((p) => [...p].length <= 3);
      if (EMPTY_CELL.test(text)) continue;
      // A run of empty table rows ends a row group ("合作单位信息" does not cover "课题组总人数").
      if (gap >= GROUP_BREAK_GAP) group = '';
      const span = sink.para(text);
      const label = cleanTitle(text.replace(/[\s□]+$/, ''));
      if (isGroup) {
        group = label;
        out.emit('form_field', span, { fields: { group: label } });
      } else out.emit('form_field', span, { fields: group ? { group, label } : { label } });
      continue;
    }
    const t = l.text;
    if (PLACEHOLDER_DATE.test(t) || /^\d+$/.test(t)) continue;
    const m = parseMarker(t);
    if (m && t.slice(m.restAt).trim() === '') continue; // an empty "一、" line
    if (/^[^。；;，,]{1,12}[：:]$/.test(t) && !m) {
      out.emit('form_field', sink.para(t), { fields: { label: cleanTitle(t) } });
      continue;
    }
    const span = sink.para(t);
    if ((m && (m.type === 'chapter' || m.type === 'dec')) || /^表\d+-\d+[：:]/.test(t)) {
      group = '';
      const lvl = m ? m.type : 'table';
      if (lvl === 'chapter') out.close('label');
      // "12.1支出预算明细表                   单位：万元": the unit after the wide gap is not part of the title.
      out.heading(lvl, cleanTitle(t.split(/\s{3,}/)[0]), trimSpan(span));
      continue;
    }
    if (!m && /^编写说明$/.test(t)) {
      out.heading('label', t, span);
      continue;
    }
    if (!m && /^[^。；;，,]{1,12}[：:][\s年月日—_-]*$/.test(t)) {
      // "起止时间：     年    月—     年    月"
      out.emit('form_field', span, { fields: { label: cleanTitle(t.replace(/[：:].*$/, '')) } });
      continue;
    }
    if (m) emitItem(out, m.type, m, span, { headingMaxLen: 40 });
    else out.emit('clause', trimSpan(span), { splittable: true });
  }
}
