// Write facts into the index database (ingest) and read them back (server, tools).
import type Database from 'better-sqlite3';
import type {
  AcceptanceRole, AcceptanceRow, ApplicationWindow, Condition, EligibilityKind, EligibilityRule, Facts, FundingMode, FundingRule,
  ProgrammeUnit,
} from './types.ts';
import { FACTS_TABLES } from './schema.ts';

const json = (v: unknown): string => JSON.stringify(v);
const list = (v: unknown): string[] => (typeof v === 'string' ? (JSON.parse(v) as string[]) : []);

export function writeFacts(db: Database.Database, facts: Facts): void {
  const acc = db.prepare(`INSERT INTO fact_acceptance (id, doc_id, ord, jurisdiction, year, programme, field, applicant,
    office, role, contacts, phones, address, vocabulary, inferred, sources) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)`);
  const win = db.prepare(`INSERT INTO fact_windows (doc_id, ord, jurisdiction, label, start_date, end_date, start_time,
    end_time, text, sources) VALUES (?,?,?,?,?,?,?,?,?,?)`);
  const fund = db.prepare(`INSERT INTO fact_funding (doc_id, ord, jurisdiction, programme, subject, modes, min_wan, max_wan,
    text, sources) VALUES (?,?,?,?,?,?,?,?,?,?)`);
  const elig = db.prepare(`INSERT INTO fact_eligibility (doc_id, ord, jurisdiction, programme, subject, kind, op, value,
    unit, text, sources) VALUES (?,?,?,?,?,?,?,?,?,?,?)`);
  const cond = db.prepare('INSERT INTO fact_conditions (doc_id, ord, kind, body) VALUES (?,?,?,?)');
  const prog = db.prepare('INSERT INTO fact_programmes (doc_id, ord, name, body) VALUES (?,?,?,?)');
  db.transaction(() => {
    facts.acceptance.forEach((r, i) => acc.run(r.id, r.docId, i, r.jurisdiction, r.year, r.programme, r.field, r.applicant,
      r.office, r.role, json(r.contacts), json(r.phones), r.address, r.vocabulary, r.inferred ? 1 : 0, json(r.sources)));
    facts.windows.forEach((w, i) => win.run(w.docId, i, w.jurisdiction, w.label, w.startDate, w.endDate, w.startTime,
      w.endTime, w.text, json(w.sources)));
    facts.funding.forEach((f, i) => fund.run(f.docId, i, f.jurisdiction, f.programme, f.subject, json(f.modes), f.minWan,
      f.maxWan, f.text, json(f.sources)));
    facts.eligibility.forEach((e, i) => elig.run(e.docId, i, e.jurisdiction, e.programme, e.subject, e.kind, e.op, e.value,
      e.unit, e.text, json(e.sources)));
    facts.conditions.forEach((c, i) => cond.run(c.docId, i, c.kind, json(c)));
    facts.programmes.forEach((p, i) => prog.run(p.docId, i, p.name, json(p)));
  })();
}

/** Facts stored in the database; null when the index was built without them. */
export function readFacts(db: Database.Database): Facts | null {
  const have = db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name IN (${FACTS_TABLES.map(() => '?').join(',')})`)
    .all(...FACTS_TABLES) as Array<{ name: string }>;
  if (have.length < FACTS_TABLES.length) return null;
  type Row = Record<string, unknown>;
  const s = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));
  const n = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));
  const acceptance = (db.prepare('SELECT * FROM fact_acceptance ORDER BY ord').all() as Row[]).map((r): AcceptanceRow => ({
    id: String(r.id), docId: String(r.doc_id), jurisdiction: String(r.jurisdiction), year: Number(r.year),
    programme: s(r.programme), field: String(r.field), applicant: s(r.applicant), office: s(r.office),
    role: String(r.role) as AcceptanceRole, contacts: list(r.contacts), phones: list(r.phones), address: s(r.address),
    vocabulary: String(r.vocabulary), inferred: Number(r.inferred) === 1, sources: list(r.sources),
  }));
  const windows = (db.prepare('SELECT * FROM fact_windows ORDER BY ord').all() as Row[]).map((r): ApplicationWindow => ({
    docId: String(r.doc_id), jurisdiction: String(r.jurisdiction), label: String(r.label), startDate: s(r.start_date),
    endDate: String(r.end_date), startTime: s(r.start_time), endTime: s(r.end_time), text: String(r.text), sources: list(r.sources),
  }));
  const funding = (db.prepare('SELECT * FROM fact_funding ORDER BY ord').all() as Row[]).map((r): FundingRule => ({
    docId: String(r.doc_id), jurisdiction: String(r.jurisdiction), programme: s(r.programme), subject: s(r.subject),
    modes: list(r.modes) as FundingMode[], minWan: n(r.min_wan), maxWan: n(r.max_wan), text: String(r.text), sources: list(r.sources),
  }));
  const eligibility = (db.prepare('SELECT * FROM fact_eligibility ORDER BY ord').all() as Row[]).map((r): EligibilityRule => ({
    docId: String(r.doc_id), jurisdiction: String(r.jurisdiction), programme: s(r.programme), subject: s(r.subject),
    kind: String(r.kind) as EligibilityKind, op: String(r.op) as EligibilityRule['op'], value: n(r.value), unit: s(r.unit),
    text: String(r.text), sources: list(r.sources),
  }));
  const body = <T>(table: string): T[] =>
    (db.prepare(`SELECT body FROM ${table} ORDER BY ord`).all() as Array<{ body: string }>).map((r) => JSON.parse(r.body) as T);
  return { acceptance, windows, funding, eligibility, conditions: body<Condition>('fact_conditions'), programmes: body<ProgrammeUnit>('fact_programmes') };
}
