// Who issued the document, by the first rule that finds a body:
//   1. the signature: the body (or bodies: "科技部 财政部 国家税务总局") above or before the signature date;
//   2. a red header "X文件" at the top;
//   3. the body before 关于 in the notice title ("甘肃省人民政府办公厅关于印发…");
//   4. the body that adopted a regulation, without its session numbers
//      ("郑州市第十届人民代表大会常务委员会第三十一次会议通过" → 郑州市人民代表大会常务委员会);
//   5. the interpretation clause "本办法由X负责解释", only when X names national bodies or places
//      (a bare 市科技局 says too little);
// else '' with evidence 'not found'. Several bodies are joined with one space.

import type { DateHit } from './dates.ts';
import { findMentions } from './gazetteer.ts';
import { nationalBody } from './jurisdiction.ts';
import { isOrgName, splitOrgs } from './org.ts';
import { splitLines } from './text.ts';

export interface IssuerFinding {
  issuer: string;
  evidence: string;
}

export function findIssuer(text: string, dateHits: DateHit[], noticeTitle: string | null): IssuerFinding {
  const signature = dateHits.find((h) => h.rule === 'signature' && h.issuer);
  if (signature?.issuer) return { issuer: signature.issuer, evidence: 'signature line' };

  for (const line of splitLines(text.slice(0, 1500))) {
    const header = /^(.+?)文件$/.exec(line.text.replace(/\s+/g, ''));
    if (header && isOrgName(header[1])) return { issuer: header[1], evidence: 'red header (…文件)' };
  }

  const lead = noticeTitle ? /^(.+?)关于/.exec(noticeTitle) : null;
  if (lead && isOrgName(lead[1])) return { issuer: lead[1], evidence: 'body before 关于 in the title' };

  const adopted = dateHits.find((h) => h.rule === 'adopted' && h.issuer);
  if (adopted?.issuer) return { issuer: adopted.issuer, evidence: 'body that adopted it (…会议通过)' };

  const clause = /本(?:办法|条例|规定|细则|政策|措施|方案|指南|规划|意见|通知)[^。；]{0,4}?由([^。；，]{2,60}?)负责解释/.exec(text);
  if (clause) {
    const bodies = splitOrgs(clause[1]);
    if (bodies && bodies.every((b) => nationalBody(b) || findMentions(b).length > 0)) {
      return { issuer: bodies.join(' '), evidence: 'interpretation clause (本…由X负责解释)' };
    }
  }
  return { issuer: '', evidence: 'not found' };
}
