// Contact details: "联系人：…", "联系电话：…", "地址：…", an office with its people and phones
// ("市科技局高新科：冶启元 李雪 8230515"), and "（1）电子信息…类：高洁" lines that say who takes which
// field. Lines of one contact group become one contact record with fields office / field / people /
// phones / address, which the acceptance facts read.

import { parseMarker } from '../markers.ts';

export const PHONE = /1[3-9]\d{9}(?!\d)|(?:0\d{2,3}[-—－]?)?\d{7,8}(?:[-—－]\d{1,4})?/g;
/** An office or unit name: "高新科", "市科技局农社科", "西宁市科技创新促进中心". */
export const OFFICE_NAME = /^[\u4e00-\u9fff（）()]{2,24}(?:中心|科|局|处|室|所|办|部|委|站|院|厅|司)$/;

/** Keys of contact lines (spaces inside removed before matching: "联 系 人" → "联系人"). */
const KEY = {
  people: /^(?:联系人|项目联系人|咨询联系人|联系人及电话|联系人及联系方式|受理人)$/,
  phones: /^(?:联系电话|电话|咨询电话|申报咨询电话|技术支持电话|办公电话|受理电话|传真|手机)$/,
  address: /^(?:地址|联系地址|办公地址|受理地点|申报受理地点|通讯地址|受理地址)$/,
  office: /^(?:管理科室|项目受理单位|受理单位|受理科室|受理部门|主管科室|联系单位|联系部门)$/,
  other: /^(?:邮箱|电子邮箱|邮编|网址|申报网址|QQ群|.{0,16}QQ群|QQ|微信|E-?mail)$/i,
};

export type ContactKey = keyof typeof KEY;

/** The key of a "key：value" contact line, or null. */
export function contactKey(line: string): { key: ContactKey; label: string; value: string } | null {
  const m = parseMarker(line);
  const rest = m ? line.slice(m.restAt) : line;
  const kv = /^([^：:]{1,18})[：:]\s*(.*)$/.exec(rest);
  if (!kv) return null;
  const label = kv[1].replace(/[\s\u3000]+/g, '');
  for (const k of Object.keys(KEY) as ContactKey[]) if (KEY[k].test(label)) return { key: k, label, value: kv[2].trim() };
  return null;
}

/** True when a heading title opens a contact section: 联系方式, 联系人, 项目受理联系人, 咨询方式. */
export function isContactHeading(title: string): boolean {
  return /(?:联系方式|联系人|咨询方式|联系电话|咨询电话)[：:]?$/.test(title.replace(/[\s\u3000]+/g, ''));
}

function splitNames(s: string): string[] {
  const toks = s.split(/[\s\u3000、，,；;]+/).filter(Boolean);
  const names: string[] = [];
  for (const t of toks) {
    const last = names[names.length - 1];
    // "李  雪": a two-character name padded with spaces comes out as two one-character tokens.
    if (last !== undefined && [...t].length === 1 && [...last].length === 1) names[names.length - 1] = last + t;
    else names.push(t);
  }
  return names;
}

interface ContactAcc {
  other: string[];
  office: string[];
  field: string[];
  people: string[];
  phones: string[];
  address: string[];
}

function peopleAndPhones(value: string, acc: ContactAcc): void {
  acc.phones.push(...(value.match(PHONE) ?? []));
  for (const name of splitNames(value.replace(PHONE, ' ').replace(/[（()）]/g, ' '))) {
    // "市经信局企业促进科 王国伟": an office named among the people.
    if (OFFICE_NAME.test(name) && [...name].length > 3) acc.office.push(name);
    else if (/^[\u4e00-\u9fff·]{2,5}$/.test(name)) acc.people.push(name);
  }
}

function officeAndPhones(value: string, acc: ContactAcc): void {
  acc.phones.push(...(value.match(PHONE) ?? []));
  const office = value.replace(PHONE, '').replace(/[（(]\s*[）)]/g, '').replace(/[\s\u3000]+/g, '');
  if (office) acc.office.push(office);
}

/** Fields of one contact group (lines already cleaned). */
export function contactFields(lines: string[], defaults: Partial<Record<Exclude<keyof ContactAcc, 'other'>, string>> = {}): Record<string, string> {
  const acc: ContactAcc = { office: [], field: [], people: [], phones: [], address: [], other: [] };
  for (const line of lines) {
    const m = parseMarker(line);
    const rest = m ? line.slice(m.restAt) : line;
    const kv = /^([^：:]{1,18})[：:]\s*(.*)$/.exec(rest);
    const key = kv ? kv[1].replace(/[\s\u3000]+/g, '') : '';
    const value = kv ? kv[2].trim() : rest;
    const known = contactKey(line);
    if (known?.key === 'people') peopleAndPhones(value, acc);
    else if (known?.key === 'phones') acc.phones.push(...(value.match(PHONE) ?? []));
    else if (known?.key === 'address') acc.address.push(value);
    else if (known?.key === 'office') officeAndPhones(value, acc);
    else if (known) acc.other.push(`${known.label}：${known.value}`);
    else if (fieldPeople(rest)) {
      // "（3）新材料、新能源与节能环保类：陈学良"
      const fp = fieldPeople(rest)!;
      acc.field.push(fp.field);
      peopleAndPhones(fp.people, acc);
    } else if (kv && OFFICE_NAME.test(key)) {
      // "市科技局高新科：冶启元 李雪 8230515"
      acc.office.push(key);
      peopleAndPhones(value, acc);
    } else if (/^负责/.test(rest)) acc.field.push(rest.replace(/^负责/, '').replace(/[。；;]$/, ''));
    else if (OFFICE_NAME.test(rest.replace(/[（(][\d\s-]+[）)]$/, '')) || /[（(][\d-]+[）)]$/.test(rest)) officeAndPhones(rest, acc);
    else if (!kv && (rest.match(PHONE) ?? []).length > 0) peopleAndPhones(rest, acc);
  }
  for (const [k, v] of Object.entries(defaults)) {
    const key = k as keyof ContactAcc;
    if (v && acc[key].length === 0) acc[key].push(v);
  }
  const fields: Record<string, string> = {};
  for (const k of ['office', 'field', 'people', 'phones', 'address', 'other'] as const) {
    if (acc[k].length) fields[k] = [...new Set(acc[k])].join('、');
  }
  return fields;
}

/** "电子信息、公共技术服务平台、农业、医疗卫生类：高洁": the fields someone takes and their names. */
export function fieldPeople(rest: string): { field: string; people: string } | null {
  const m = /^([^：:]{2,60})[：:]\s*([\u4e00-\u9fff·]{2,4}(?:[\s\u3000、，,]+[\u4e00-\u9fff·]{2,4})*)\s*[。；;]?$/.exec(rest);
  if (!m || !/[、，,]|类$|领域$|方向$/.test(m[1]) && !/类|领域|专项|方向/.test(m[1])) return null;
  return { field: m[1].trim(), people: m[2] };
}
