// Mutation tests of server/ingest/structure/contacts.ts (issue 14; survivors of the structure run listed
// in test/MUTATION.md): contact keys, office lines and bracketed phones on exact made-up lines.
// Rule of vitest.stryker.config.ts: the module is called inside tests only.
import { describe, expect, it } from 'vitest';
import { contactFields, contactKey } from '../server/ingest/structure/contacts.ts';

describe('contact keys and office labels', () => {
  it('a label is the whole text before the first colon, at most 18 characters', () => {
    // 21 characters before the colon: the last 18 would end in "QQ群" but the line has no key.
    expect(contactKey('甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未QQ群：123456')).toBeNull();
    expect(contactKey('丁戊己庚辛壬癸子丑寅卯辰巳午未QQ群：123456')).toEqual({ key: 'other', label: '丁戊己庚辛壬癸子丑寅卯辰巳午未QQ群', value: '123456' });
    // A sentence naming an office before its colon is no "office：people" line: only its phone is read.
    expect(contactFields(['请于工作日联系市科技局高新技术产业发展科：张三 0931-1234567'])).toEqual({ phones: '0931-1234567' });
  });

  it('an office label spaced out in the source is read without its spaces', () => {
    expect(contactFields(['市科技局 高新科：冶启元 0931-8230515'])).toEqual({ office: '市科技局高新科', people: '冶启元', phones: '0931-8230515' });
  });

  it('a phone key without a number adds no phone; an address value loses its edge spaces', () => {
    expect(contactFields(['电话：见申报系统'])).toEqual({});
    expect(contactFields(['地址：某路1号 '])).toEqual({ address: '某路1号' });
  });
});

describe('bracketed phones', () => {
  it('an office with its phone in brackets, spaces inside: the office and the phone', () => {
    expect(contactFields(['高新科（ 8230515 ）'])).toEqual({ office: '高新科', phones: '8230515' });
  });

  it('a name with a bracketed phone and a word after it: a person, not an office', () => {
    expect(contactFields(['王五（0931-1234567）转'])).toEqual({ people: '王五', phones: '0931-1234567' });
  });
});
