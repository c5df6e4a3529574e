// What an issuing body's name looks like: a run of Han characters ending in an organisation word
// (…人民政府办公室, …科学技术局, …委员会, 科技部), and which bodies are national (科技部, 国务院, 国家…局).

import { findMentions } from './gazetteer.ts';
import { HAN } from './text.ts';

const HAN_CHAR = new RegExp(`[${HAN}]`);

/** Words an organisation's name ends with. Longer words first only for readability; `$` anchors. */
const ORG_END = new RegExp(
  '(?:人民政府办公室|人民政府办公厅|人民政府|办公室|办公厅|委员会|常委会|管委会|领导小组|联合会|协会|中心|' +
    '总局|总署|政府|局|厅|部|委|署|院|办)$',
);
/** Runs that end like an organisation but are sentence words. */
const NOT_ORG_START = /^(?:本|该|各|我|请|现|经|由|按|根据|依据|对|向|在|为|如|凡)/;

/** True for one organisation name: 2–40 Han characters (brackets allowed) ending in an organisation word. */
export function isOrgName(s: string): boolean {
  return new RegExp(`^[${HAN}（）]{2,40}$`).test(s) && ORG_END.test(s) && !NOT_ORG_START.test(s);
}

/**
 * A signature line as a list of bodies: "科技部 财政部 国家税务总局" → three names; "科技部、财政部" too.
 * Null when any part is not an organisation name.
 */
export function splitOrgs(line: string): string[] | null {
  const parts = line.split(/[\s、，,]+/).filter(Boolean);
  if (parts.length === 0 || parts.length > 8) return null;
  return parts.every(isOrgName) ? parts : null;
}

/**
 * The trailing organisation name of a run of text: "…请遵照执行。广安市人民政府办公室" → "广安市人民政府办公室"
 * (one-line text where the signature runs on from the last sentence). Null when the tail is no
 * organisation name.
 */
export function trailingOrg(before: string): string | null {
  const trimmed = before.replace(/\s+$/, '');
  const line = trimmed.slice(trimmed.lastIndexOf('\n') + 1).trim();
  const whole = splitOrgs(line);
  if (whole) return whole.join(' ');
  let from = line.length;
  while (from > 0 && HAN_CHAR.test(line[from - 1])) from--;
  const run = line.slice(from);
  if (run.length < 2) return null;
  // A sentence or table caption may run into the name without punctuation ("…安排表广安市人民政府"):
  // when places are named in the run's tail, the name starts at the last place named, together with
  // the places written right before it (兰州市城关区科学技术局).
  const tail = run.slice(-30);
  const places = findMentions(tail);
  let name = run.length <= 20 && places.length === 0 ? run : '';
  if (places.length > 0) {
    let k = places.length - 1;
    while (k > 0 && places[k - 1].index + places[k - 1].text.length === places[k].index) k--;
    name = tail.slice(places[k].index);
  }
  return isOrgName(name) ? name : null;
}

/**
 * National bodies: 国务院, 中共中央…, 全国人大…, 国家…局/委员会, ministries (…部 with no place before it),
 * 国家税务总局, 海关总署. The caller checks that no place name is part of the body.
 */
const NATIONAL = new RegExp(
  '^(?:中华人民共和国|中共中央|国务院|全国人民代表大会|全国人大|全国政协|最高人民法院|最高人民检察院|' +
    '中央|国家|海关总署|税务总局|中国人民银行|中国科学院|中国工程院|中国科学技术协会|中国科协)' +
    `|^[${HAN}]{1,8}部$`,
);
/** Relative place words that make a body local ("市科技局", "省委组织部"). */
const LOCAL_START = /^(?:省|市|县|区|州|盟|旗|乡|镇|自治区|中共[^中])/;

export function looksNational(body: string): boolean {
  return NATIONAL.test(body) && !LOCAL_START.test(body);
}
