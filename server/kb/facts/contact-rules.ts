// R7: a call that names no office per field but ends with a contact section ("六、联系方式 / 联系人：市经信局
// 企业促进科 王国伟 黎晓红 / 联系电话：… / 地址：…"). The structure parser turns those lines into a contact
// record with fields office / people / phones / address; each contact record naming an office becomes
// one acceptance row for the whole call (field "*"). The row is marked inferred unless a sentence of
// the call says that applications or materials go to that office ("…报送市科技局成果专家科"), which
// then counts among its sources.

import type { KbRecord } from '../types.ts';
import type { AcceptanceRow } from './types.ts';
import { normalize } from '../normalize.ts';
import type { Outline } from './structure.ts';

type Draft = Omit<AcceptanceRow, 'id' | 'docId' | 'jurisdiction' | 'year'>;

/** An office or unit: "…科", "…处", "…中心", "…办公室", "…局". */
const OFFICE = /(?:科|处|中心|室|办|局|站|所|委员会)$/;
/** Words saying that applications or materials are handed to / accepted by someone. */
const HANDED_TO = /受理|报送|提交|递交|寄送|送达|交至|报至|接收/;

const list = (v: string | undefined): string[] => (v ?? '').split(/[、，,；;\s]+/).map((x) => x.trim()).filter(Boolean);

/** The call's own sentence naming the office as where applications go, if there is one. */
function statedBy(o: Outline, office: string, contact: KbRecord): KbRecord | null {
  // "市科技局成果转化科" may be written "成果转化科" alone
  const full = normalize(office);
  const own = full.replace(/^.*?(?:局|委员会|委|办)(?=.{3,}$)/, '');
  for (const p of o.paras) {
    for (const r of p.records) {
      if (r === contact || r.kind === 'contact' || r.kind === 'form_field' || r.kind === 'heading') continue;
      const at = r.norm.includes(full) ? r.norm.indexOf(full) : r.norm.indexOf(own);
      // the handing-over word in the same clause, before the office ("将纸质材料报送市科技局成果专家科")
      if (at >= 0 && HANDED_TO.test(r.norm.slice(0, at).split(/[,;。，；]/).pop() ?? '')) return r;
    }
  }
  return null;
}

/** Rows for the whole call from its contact records (only used when no other rule found a row). */
export function callWideRows(o: Outline): Draft[] {
  const out: Draft[] = [];
  const seen = new Set<KbRecord>();
  for (const p of o.paras) {
    for (const r of p.records) {
      if (seen.has(r) || r.kind !== 'contact') continue;
      seen.add(r);
      const office = r.fields?.office?.trim();
      if (!office || !OFFICE.test(office)) continue;
      const stated = statedBy(o, office, r);
      // the parser has picked the numbers out already; NFKC makes "０９３１－…" "0931-…"
      const phones = list(r.fields?.phones).map((x) => normalize(x).replace(/[—–]/g, '-'));
      const same = out.find((d) => d.office === office);
      if (same) {
        same.contacts = [...new Set([...same.contacts, ...list(r.fields?.people)])];
        same.phones = [...new Set([...same.phones, ...phones])];
        same.sources.push(r.id);
        continue;
      }
      out.push({
        programme: null, field: '*', applicant: null, office, role: 'accept',
        contacts: list(r.fields?.people), phones, address: r.fields?.address?.trim() || null,
        vocabulary: '', inferred: !stated, sources: stated ? [r.id, stated.id] : [r.id],
      });
    }
  }
  return out;
}
