// Facts survive the index database: what ingest writes (writeFacts) is what the server reads back
// (readFacts), field for field, including nulls, empty lists, booleans, decimals and order. Made-up facts
// covering every column, so a column dropped, swapped or mistyped in either direction fails here.
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { FACTS_SCHEMA_SQL, readFacts, writeFacts } from '../server/kb/facts/extract.ts';
import { SCHEMA_SQL } from '../server/kb/schema.ts';
import type { Facts } from '../server/kb/facts/types.ts';

/** An index database as ingest makes it: the index schema, the two documents the facts cite, the facts tables. */
function indexDatabase(): Database.Database {
  const db = new Database(':memory:');
  db.exec(SCHEMA_SQL);
  const doc = db.prepare("INSERT INTO documents (id, ord, meta, text, sha256) VALUES (?, ?, '{}', '', '')");
  doc.run('a-call', 0);
  doc.run('b-call', 1);
  db.exec(FACTS_SCHEMA_SQL);
  return db;
}

function facts(): Facts {
  return {
    acceptance: [
      {
        id: 'a-call#0', docId: 'a-call', jurisdiction: '西宁市', year: 2024, programme: '重点研发与转化计划', field: '氢能',
        applicant: '企业', office: '高新技术与发展计划科', role: 'accept', contacts: ['王老师', '李老师'],
        phones: ['0971-8251234', '13800000000'], address: '西宁市城西区', vocabulary: '氢能 储能 制氢', inferred: false,
        sources: ['r1', 'r2'],
      },
      {
        id: 'a-call#1', docId: 'a-call', jurisdiction: '西宁市', year: 2024, programme: null, field: '*', applicant: null,
        office: null, role: 'receive', contacts: [], phones: [], address: null, vocabulary: '', inferred: true, sources: ['r3'],
      },
      {
        id: 'b-call#0', docId: 'b-call', jurisdiction: '东莞市', year: 2016, programme: '倍增计划', field: '技术改造',
        applicant: '规上企业', office: '企业促进科', role: 'manage', contacts: ['黎晓红'], phones: ['22220109'],
        address: null, vocabulary: '技改', inferred: true, sources: ['r9'],
      },
    ],
    windows: [
      { docId: 'b-call', jurisdiction: '东莞市', label: '申报截止', startDate: null, endDate: '2016-12-31', startTime: null,
        endTime: '17:30', text: '截止时间为2016年12月31日17:30', sources: ['r10'] },
      { docId: 'a-call', jurisdiction: '西宁市', label: '申报时间', startDate: '2024-03-01', endDate: '2024-04-15',
        startTime: '09:00', endTime: null, text: '2024年3月1日至4月15日', sources: ['r4', 'r5'] },
    ],
    funding: [
      { docId: 'a-call', jurisdiction: '西宁市', programme: '重点研发与转化计划', subject: '重大科技专项', modes: ['直补', '后补助'],
        minWan: 100, maxWan: 500, text: '支持额度100-500万元', sources: ['r6'] },
      { docId: 'b-call', jurisdiction: '东莞市', programme: null, subject: null, modes: [], minWan: null, maxWan: 0.5,
        text: '最高0.5万元', sources: [] },
    ],
    eligibility: [
      { docId: 'a-call', jurisdiction: '西宁市', programme: '重点研发与转化计划', subject: '项目负责人', kind: 'age', op: '<=',
        value: 58, unit: '岁', text: '年龄不超过58岁', sources: ['r7'] },
      { docId: 'a-call', jurisdiction: '西宁市', programme: null, subject: null, kind: 'exclusion', op: 'excluded', value: null,
        unit: null, text: '以下项目不属于申报范围', sources: ['r8'] },
    ],
    conditions: [
      {
        docId: 'a-call', jurisdiction: '西宁市', programme: '重点研发与转化计划', category: '重大科技专项', subject: '企业',
        appliesTo: ['enterprise'], kind: 'rd-spending-ratio', op: '>=', value: 3.5, unit: '%', year: 2023, soft: false,
        tiers: [
          { min: null, minInclusive: false, max: 5000, maxInclusive: true, op: '>=', value: 5, text: '5000万元以下不低于5%', sources: ['r11'] },
          { min: 5000, minInclusive: false, max: null, maxInclusive: false, op: '>=', value: 3, text: '5000万元以上不低于3%', sources: ['r11'] },
        ],
        tierBy: 'revenue', except: ['高校'], exceptionText: '高校除外', place: null, options: [], text: '研发费用占比', sources: ['r11'],
      },
      {
        docId: 'b-call', jurisdiction: '东莞市', programme: null, category: null, subject: null, appliesTo: [], kind: 'registered-in',
        op: 'required', value: null, unit: null, year: null, soft: true, tiers: null, tierBy: null, except: [], exceptionText: null,
        place: '东莞市', options: ['企业', '事业单位'], text: '在东莞市注册', sources: ['r12'],
      },
    ],
    programmes: [
      { docId: 'a-call', jurisdiction: '西宁市', name: '重点研发与转化计划', parents: ['二、支持方向'], fields: ['氢能', '储能'],
        categories: [{ name: '重大科技专项', vocabulary: '氢能 储能', sources: ['r6'] }], vocabulary: '氢能 储能 制氢', sources: ['r1', 'r6'] },
      { docId: 'b-call', jurisdiction: '东莞市', name: null, parents: [], fields: [], categories: [], vocabulary: '', sources: [] },
    ],
  };
}

describe('facts store', () => {
  it('reads back exactly what was written, in order', () => {
    const db = indexDatabase();
    const written = facts();
    writeFacts(db, written);
    expect(readFacts(db)).toEqual(written);
    db.close();
  });

  it('keeps the order of each table as written, not by document or key', () => {
    const db = indexDatabase();
    const written = facts();
    written.acceptance.reverse();
    written.windows.reverse();
    writeFacts(db, written);
    const back = readFacts(db)!;
    expect(back.acceptance.map((r) => r.id)).toEqual(['b-call#0', 'a-call#1', 'a-call#0']);
    expect(back.windows.map((w) => w.label)).toEqual(['申报时间', '申报截止']);
    db.close();
  });

  it('says null when the database has no facts tables, and empty lists when they are empty', () => {
    const bare = new Database(':memory:');
    bare.exec(SCHEMA_SQL);
    expect(readFacts(bare)).toBeNull();
    bare.close();
    const db = indexDatabase();
    expect(readFacts(db)).toEqual({ acceptance: [], windows: [], funding: [], eligibility: [], conditions: [], programmes: [] });
    db.close();
  });
});
