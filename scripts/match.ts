// CLI: npm run match -- --location 兰州市 --revenue 2000 [--applicant-kind 企业] [--field 新材料]
//                       [--revenue-year 2021] [--investment 1000] [--self-funding-ratio 3] [--rd-staff-count 20]
//                       [--rd-staff-share 25] [--rd-spending-share 6] [--leader-age 50] [--concurrent-projects 1]
//                       [--bad-credit | --no-bad-credit] [--high-tech-enterprise | --no-high-tech-enterprise]
//                       [--years-registered 3] [--today YYYY-MM-DD] [--verbose] [--json] [--data DIR]
// Matches the profile against every call and programme of the built index (facts read from
// data/kb.sqlite; no embedder is loaded) and prints them ranked 可申报 / 可能 / 不符合, each with the
// conditions that decided it; --verbose prints every condition with its sources, --json the response
// of POST /api/match. Options are the API's field names, as written (--leaderAge) or in kebab case.

import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { DB_FILE } from '../server/kb/knowledge-base.ts';
import { readFacts } from '../server/kb/facts/store.ts';
import type { DocumentMeta } from '../server/kb/types.ts';
import { buildMatchIndex } from '../server/kb/match/match.ts';
import { PROFILE_FIELDS, PROFILE_KEYS, ProfileError, parseProfile } from '../server/kb/match/profile.ts';
import type { MatchResponse, MatchResult } from '../server/kb/match/types.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function usage(msg?: string): never {
  if (msg) console.error(`error: ${msg}`);
  console.error(`usage: npm run match -- [--${PROFILE_KEYS.map(kebab).join(' V] [--')} V] [--today YYYY-MM-DD] [--verbose] [--json] [--data DIR]`);
  process.exit(2);
}

function kebab(s: string): string {
  return s.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}

const BY_OPTION = new Map<string, string>(PROFILE_KEYS.flatMap((k) => [[k, k], [kebab(k), k]]));
const BOOLEAN = new Set(PROFILE_FIELDS.filter((f) => f.type === 'boolean').map((f) => f.name as string));

function parseArgs(argv: string[]) {
  const out = { profile: {} as Record<string, string>, json: false, verbose: false, today: undefined as string | undefined, data: undefined as string | undefined };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (!a.startsWith('--')) usage(`unexpected argument ${a}`);
    const [flag, inline] = a.slice(2).split(/=(.*)/s, 2);
    const val = () => {
      if (inline !== undefined) return inline;
      const v = argv[++i];
      if (v === undefined) usage(`${a} needs a value`);
      return v;
    };
    if (flag === 'json') out.json = true;
    else if (flag === 'verbose') out.verbose = true;
    else if (flag === 'today') out.today = val();
    else if (flag === 'data') out.data = val();
    else if (flag === 'help' || flag === 'h') usage();
    else if (flag.startsWith('no-') && BOOLEAN.has(BY_OPTION.get(flag.slice(3)) ?? '')) out.profile[BY_OPTION.get(flag.slice(3))!] = 'false';
    else {
      const key = BY_OPTION.get(flag);
      if (!key) usage(`unknown option --${flag}`);
      // a boolean given alone ("--bad-credit") means true
      out.profile[key] = BOOLEAN.has(key) && inline === undefined && (argv[i + 1] === undefined || argv[i + 1].startsWith('--')) ? 'true' : val();
    }
  }
  return out;
}

const STATUS_ZH = { eligible: '可申报', possible: '可能', not_eligible: '不符合' } as const;
const MARK = { met: '✔', not_met: '✘', unknown: '?' } as const;

function heading(r: MatchResult): string {
  const prog = [...r.parents, r.programme ?? ''].filter(Boolean).join(' › ');
  return `[${r.jurisdiction} ${r.year}] ${r.title}${prog ? ` › ${prog}` : ''}${r.category ? `（${r.category}）` : ''}`;
}

function print(res: MatchResponse, verbose: boolean): void {
  const p = res.profile;
  const said = PROFILE_FIELDS.filter((f) => p[f.name] !== undefined).map((f) => `${f.label} ${String(p[f.name])}${f.unit ?? ''}`);
  console.log(`申报匹配：${said.join(' · ') || '（未填写申报信息）'}${res.location ? `（注册地：${res.location.fullName}）` : ''}`);
  console.log(`可申报 ${res.counts.eligible} · 可能 ${res.counts.possible} · 不符合 ${res.counts.not_eligible}（${res.took_ms} ms，日期 ${res.today}）`);
  for (const r of res.results) {
    console.log(`\n${STATUS_ZH[r.status]}  ${heading(r)}`);
    for (const w of r.windows) console.log(`    申报时间：${w.note}`);
    if (r.status === 'not_eligible') for (const reason of r.reasons) console.log(`    不满足：${reason}`);
    const shown = verbose ? r.conditions : r.conditions.filter((c) => c.status !== 'met' && r.status !== 'not_eligible');
    for (const c of shown) {
      const tail = [c.compared ? `填报 ${c.compared}` : '', c.soft ? '原则上' : '', c.inferred ? '由发文机关推断' : '', c.note ?? ''].filter(Boolean).join('；');
      console.log(`    ${MARK[c.status]} ${c.requirement}${tail ? `（${tail}）` : ''}`);
      if (verbose) console.log(`        ${c.text.replace(/\s+/g, ' ').slice(0, 120)}${c.sources.length ? `  出处 ${c.sources.join(' ')}` : ''}`);
    }
    if (!verbose && r.counts.met) console.log(`    ✔ 满足 ${r.counts.met} 项`);
    if (verbose) for (const s of r.notApplicable) console.log(`    – 不适用：${s.reason}（${s.text.slice(0, 40)}）`);
  }
}

const args = parseArgs(process.argv.slice(2));
const dataDir = path.resolve(args.data ?? process.env.POLICYKB_DATA ?? path.join(ROOT, 'data'));
const file = path.join(dataDir, DB_FILE);
if (!fs.existsSync(file)) {
  console.error(`no index at ${file}: run npm run ingest first`);
  process.exit(1);
}
if (args.today !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(args.today)) usage('--today must be YYYY-MM-DD');
const db = new Database(file, { readonly: true, fileMustExist: true });
try {
  const facts = readFacts(db);
  if (!facts) {
    console.error('索引中没有申报条件，请重新 ingest / the index has no conditions: re-run npm run ingest');
    process.exit(1);
  }
  const documents = (db.prepare('SELECT meta FROM documents ORDER BY ord').all() as Array<{ meta: string }>).map((r) => JSON.parse(r.meta) as DocumentMeta);
  const index = buildMatchIndex({ documents, facts });
  const res = index.match(parseProfile(args.profile, { text: true }), { today: args.today });
  if (args.json) console.log(JSON.stringify(res, null, 1));
  else print(res, args.verbose);
} catch (err) {
  if (err instanceof ProfileError) usage(err.message);
  throw err;
} finally {
  db.close();
}
