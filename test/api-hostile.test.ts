// Hostile input: nothing a client sends may produce a 5xx, a stack trace, or a file outside the web root.
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildFixture, expectErrorShape, SECRET, type Fixture } from './api-fixture.ts';

let fx: Fixture;
let app: FastifyInstance;

beforeAll(async () => {
  fx = await buildFixture();
  app = fx.app;
});
afterAll(async () => {
  await fx?.close();
});

/** Percent-encodes what must be encoded but leaves lone surrogates raw (encodeURIComponent would throw). */
function looseEncode(s: string): string {
  let out = '';
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    if (cp >= 0xd800 && cp <= 0xdfff) out += ch;
    else out += encodeURIComponent(ch);
  }
  return out;
}

// Query texts, sent percent-encoded as q (lone surrogates raw), each with the status it must get.
// The search and compare routes clean q first (controls, invisible format characters and lone
// surrogates out, then trim) and allow 200 characters; /api/answer trims and allows 200; the
// acceptance field allows 40. A lone surrogate cannot survive URL encoding: it arrives as U+FFFD.
interface Statuses {
  /** /api/search (every mode) and /api/compare */
  search: 200 | 400;
  /** /api/answer?q= */
  answer: 200 | 400;
  /** /api/acceptance?field= */
  field: 200 | 400;
}
const OK: Statuses = { search: 200, answer: 200, field: 200 };
/** Longer than the 40 characters of a field. */
const LONG_FIELD: Statuses = { search: 200, answer: 200, field: 400 };
/** Only controls or invisible format characters: nothing left to search, but plain text to trim. */
const INVISIBLE: Statuses = { search: 400, answer: 200, field: 200 };
/** Only whitespace. */
const BLANK: Statuses = { search: 400, answer: 400, field: 400 };
/** Over 200 characters. */
const TOO_LONG: Statuses = { search: 400, answer: 400, field: 400 };

const QUERY_TEXTS: [string, Statuses][] = [
  // unicode junk
  ['💥🔥🧪', OK], ['👨‍👩‍👧‍👦'.repeat(10), LONG_FIELD], ['e\u0301\u0302\u0303\u0304\u0305\u0306', OK], ['Z̸̡̢̛̗̘̙̜̝̞̟̠̤̥̦̩̪̫̬̭̮̯̰̱̲̳̹̺̻̼ͅ', OK],
  ['\u202e氢能\u202c', OK], ['\ufeff氢能', OK], ['\ufffd\ufffd', OK], ['\uffff\ufffe', OK], ['\ue000\uf8ff', OK], ['𠀀𪚥𩸽', OK],
  ['\u3000\u3000氢能\u3000', OK], ['ｑｕｅｒｙ　全角', OK], ['\u200b\u200c\u200d', INVISIBLE], ['\u00a0', BLANK], ['\u2028\u2029', BLANK],
  ['ﾊﾝｶｸ', OK], ['①②③', OK], ['㊙️', OK], ['\u0000氢能', OK], ['Ω≈ç√∫', OK], ['\u180e', OK], ['🇨🇳', OK], ['ᠮᠣᠩᠭᠣᠯ', OK],
  ['العربية', OK], ['עברית', OK], ['\u0e01\u0e33', OK],
  // lone surrogates (raw in the URL and as a half pair)
  ['\ud800', OK], ['\udc00', OK], ['氢\ud83d能', OK], ['\udfff\ud800', OK], ['a\ud800b\udc00c', OK],
  // control characters
  ['\u0001\u0002\u0003氢能', OK], ['\t\n\r储能', OK], ['\u001b[31mred\u001b[0m', OK], ['\u0008\u0008', INVISIBLE], ['\u007f\u0080\u009f', INVISIBLE],
  ['\r\nSet-Cookie: x=1', OK],
  // SQL
  ["' OR 1=1 --", OK], ['"; DROP TABLE records; --', OK], ["1'; SELECT * FROM meta; --", OK], ["%' UNION SELECT id FROM records --", OK],
  ["'); DELETE FROM documents; /*", OK], ['x\' AND sqlite_version()>0 --', OK], ['\\x27 OR \\x27\\x27=\\x27', OK],
  // FTS / query syntax
  ...['NEAR(氢能 储能)', '"unterminated', 'a AND OR NOT', '*', '氢能*', '-储能', 'title:氢能', 'col:*', '^氢能', '(', ')', '{', '}', '[', ']',
    'a OR', 'MATCH', '"a" NEAR/3 "b"', '+++', '~~', 'AND', 'NOT NOT NOT', '::', '\\', '$&', '.*', '(?:', '%', '%%', '_'].map((q): [string, Statuses] => [q, OK]),
  // markup and templates
  ...['<script>alert(1)</script>', '{{7*7}}', '${process.exit()}', '../../../../etc/passwd', 'file:///etc/passwd', '__proto__', 'constructor',
    'hasOwnProperty', 'toString', 'null', 'undefined', 'NaN', '[object Object]', '{"$gt":""}'].map((q): [string, Statuses] => [q, OK]),
  // length: 200 characters of any width pass, 201 do not; /api/answer measures before trimming
  ['a'.repeat(200), LONG_FIELD], ['科'.repeat(200), LONG_FIELD], ['🧪'.repeat(200), LONG_FIELD], ['a'.repeat(201), TOO_LONG],
  ['科'.repeat(10_000), TOO_LONG], [' '.repeat(1000) + '氢能' + ' '.repeat(1000), { search: 200, answer: 400, field: 400 }],
  ['氢能 '.repeat(66), LONG_FIELD], ['、'.repeat(200), LONG_FIELD], ['。'.repeat(200), LONG_FIELD], ['1'.repeat(200), LONG_FIELD],
  ['\u0301'.repeat(200), LONG_FIELD],
];

// Raw query strings appended to /api/search? and /api/compare?, with the status each must get there.
// Compare has no filters: it ignores doc, jurisdiction, year and kind.
const RAW_QUERIES: [string, { search: number; compare: number }][] = [
  // broken percent-escapes or escapes that are not UTF-8 are a malformed URL (400), never searched as text;
  // an escaped NUL is valid UTF-8 and cleaned out of q
  ...['q=%ED%A0%80', 'q=%ED%B0%80', 'q=%F0%9F', 'q=%E6%B0', 'q=%C0%AE%C0%AE', 'q=%FF%FE', 'q=%', 'q=%%', 'q=%zz', 'q=%u6C22']
    .map((qs): [string, { search: number; compare: number }] => [qs, { search: 400, compare: 400 }]),
  ['q=a%00b', { search: 200, compare: 200 }],
  // nothing left of q, q repeated or not a plain value
  ...['q=%00', 'q=a&q=b', 'q=a&q=', 'q=&q=', 'q[]=a', 'q[a]=b', 'q.a=b', 'q', 'q=+++', '__proto__[q]=a', 'constructor[prototype][x]=1']
    .map((qs): [string, { search: number; compare: number }] => [qs, { search: 400, compare: 400 }]),
  // k: an integer in range written in decimal digits, repeated never (1e1, 0x10, 1.0 are refused); k[] is another name
  ['q=a&k=1&k=2', { search: 400, compare: 400 }], ['q=a&k=1e1', { search: 400, compare: 400 }], ['q=a&k=0x10', { search: 400, compare: 400 }],
  ['q=a&k=NaN', { search: 400, compare: 400 }], ['q=a&k=99999999999999999999999', { search: 400, compare: 400 }], ['q=a&k=-0', { search: 400, compare: 400 }],
  ['q=a&k=%20', { search: 400, compare: 400 }], ['q=a&k=1.0', { search: 400, compare: 400 }], ['q=a&k=true', { search: 400, compare: 400 }],
  ['q=a&k[]=1', { search: 200, compare: 200 }],
  // mode: one of the three, exactly
  ...['q=a&mode=KEYWORD', 'q=a&mode=keyword&mode=vector', 'q=a&mode=', 'q=a&mode=__proto__']
    .map((qs): [string, { search: number; compare: number }] => [qs, { search: 400, compare: 400 }]),
  // filters: empty lists are no filter; unknown documents, places, kinds and malformed years are refused by search
  ['q=a&doc=', { search: 200, compare: 200 }], ['q=a&doc=,,,', { search: 200, compare: 200 }], ['q=a&doc=__proto__', { search: 400, compare: 200 }],
  [`q=a&${'doc=lanzhou-2022-guide&'.repeat(100)}`, { search: 200, compare: 200 }],
  ['q=a&jurisdiction=%ED%A0%80', { search: 400, compare: 400 }], ['q=a&jurisdiction=constructor', { search: 400, compare: 200 }],
  ...['q=a&year=0', 'q=a&year=-2022', 'q=a&year=20222', 'q=a&year=2022.5']
    .map((qs): [string, { search: number; compare: number }] => [qs, { search: 400, compare: 200 }]),
  ['q=a&year=%EF%BC%92%EF%BC%90%EF%BC%92%EF%BC%92', { search: 200, compare: 200 }], // full-width 2022
  ['q=a&kind=', { search: 200, compare: 200 }], ['q=a&kind=clause,,heading', { search: 200, compare: 200 }],
  ['q=a&kind=toString', { search: 400, compare: 200 }],
  // stray separators and unknown parameters are ignored
  ...['q=a&__proto__=x', 'q=a&&&&', '&&&q=a', '=&=&q=a', 'q=a=b=c', 'q=a;k=5', 'q=a+b+c', 'q=%2B%2B', 'q=a#fragment']
    .map((qs): [string, { search: number; compare: number }] => [qs, { search: 200, compare: 200 }]),
  [`q=${'%E6%B0%A2'.repeat(300)}`, { search: 400, compare: 400 }], // 300 characters
];

// Path parameters for /api/clauses/:id and /api/documents/:id (and …/text): no such record or document
// (404), except a path that is not valid UTF-8 (400).
const IDS: [string, 400 | 404][] = [
  ...['..', '...', '..%2F..%2Fetc%2Fpasswd', '%2e%2e', '%00', 'a%00b', "'%20OR%201%3D1", '__proto__', 'constructor', 'toString',
    'hasOwnProperty', 'valueOf', '%F0%9F%92%A5', 'x'.repeat(150), 'x'.repeat(5000), '%20', '%E6%B0%A2', 'null', 'undefined']
    .map((id): [string, 404] => [id, 404]),
  ['%ED%A0%80', 400],
];

// Static paths: traversal and oddities, with the status of GET and HEAD. 403: refused by the file server
// (an encoded separator, a dotfile, a NUL, a name too long); 404: resolved outside or not found; 400: not
// decodable; 200: the index.html fallback of the single-page UI.
const STATIC_PATHS: [string, 200 | 400 | 403 | 404][] = [
  ['/../secret.txt', 404], ['/../../secret.txt', 404], ['/..%2fsecret.txt', 403], ['/..%2Fsecret.txt', 403], ['/%2e%2e/secret.txt', 404],
  ['/%2e%2e%2fsecret.txt', 403], ['/assets/../../secret.txt', 404], ['/assets/..%2f..%2fsecret.txt', 403], ['/assets/%2e%2e/%2e%2e/secret.txt', 404],
  ['/....//....//secret.txt', 403], ['/..%5csecret.txt', 403], ['/..\\secret.txt', 404], ['/%c0%ae%c0%ae/secret.txt', 400],
  ['/%252e%252e/secret.txt', 404], ['/index.html%00.js', 403], ['/.env', 403], ['/%2eenv', 403], ['//secret.txt', 403], ['///etc/passwd', 403],
  ['/%ED%A0%80', 400], ['/%', 400], ['/a%zz', 400], ['/assets/', 200], ['/assets', 200], ['/%2e%2e/package.json', 404],
  ['/web/../package.json', 404], ['/docs/../secret.txt', 404], ['/docs/static/../../secret.txt', 404], ['/api/../secret.txt', 404],
  ['/api/..%2f..%2fsecret.txt', 404], [`/${'a/'.repeat(500)}`, 200], [`/${'x'.repeat(3000)}`, 403], ['/doc/%ED%A0%80', 400], ['/doc/<script>', 200],
];

describe('hostile input never produces a 5xx, and each input gets its own status', () => {
  it.each(QUERY_TEXTS.map(([q, want], i) => [i, q, want] as const))('q text #%i on search (all modes) and compare', async (_i, q, want) => {
    for (const url of [
      `/api/search?q=${looseEncode(q)}`,
      `/api/search?mode=keyword&q=${looseEncode(q)}`,
      `/api/search?mode=vector&q=${looseEncode(q)}`,
      `/api/search?mode=hybrid&k=50&q=${looseEncode(q)}`,
      `/api/compare?q=${looseEncode(q)}`,
    ]) {
      const res = await app.inject({ method: 'GET', url });
      expect(res.statusCode, `${url.slice(0, 120)} → ${res.body.slice(0, 200)}`).toBe(want.search);
      const body = res.json();
      // An answer carries a hit list; a refusal says why (too long, or nothing left to search).
      const why = q.length > 200 ? /too long/ : /must not be empty/;
      expect(want.search === 200 ? Array.isArray(body.hits ?? body.groups) : why.test(expectErrorShape(body).message), url.slice(0, 80)).toBe(true);
    }
  });

  it.each(QUERY_TEXTS.map(([q, want], i) => [i, q, want] as const))('q text #%i on the acceptance, facts and answer routes', async (_i, q, want) => {
    const statuses: Record<string, number> = {};
    for (const url of [
      `/api/answer?q=${looseEncode(q)}`,
      `/api/acceptance?field=${looseEncode(q)}`,
      `/api/acceptance?jurisdiction=${looseEncode(q)}`,
      `/api/facts?doc=${looseEncode(q)}`,
    ]) {
      const res = await app.inject({ method: 'GET', url });
      statuses[url.slice(0, url.indexOf('='))] = res.statusCode;
      expect(res.statusCode, `${url.slice(0, 120)} → ${res.body.slice(0, 200)}`).toBeLessThan(500);
      expect(res.headers['content-type'], url.slice(0, 80)).toMatch(/^application\/json/);
      const body = res.json();
      // A refusal speaks the error shape; an answer is { answer } or { rows }.
      expect(res.statusCode === 200 ? 'answer' in body || Array.isArray(body.rows) : expectErrorShape(body).error === 'bad_request', url.slice(0, 80)).toBe(true);
    }
    // No text names a known place or document: those two are always refused.
    expect(statuses).toEqual({
      '/api/answer?q': want.answer,
      '/api/acceptance?field': want.field,
      '/api/acceptance?jurisdiction': 400,
      '/api/facts?doc': 400,
    });
  });

  it.each(RAW_QUERIES.map(([qs, want], i) => [i, qs, want] as const))('raw query string #%i', async (_i, qs, want) => {
    const got: Record<string, number> = {};
    for (const [name, path] of [['search', '/api/search'], ['compare', '/api/compare']] as const) {
      const res = await app.inject({ method: 'GET', url: `${path}?${qs}` });
      got[name] = res.statusCode;
      const body = res.json();
      expect(res.statusCode === 200 ? Array.isArray(body.hits ?? body.groups) : expectErrorShape(body).error === 'bad_request', `${path}?${qs.slice(0, 80)}`).toBe(true);
    }
    expect(got, qs.slice(0, 100)).toEqual(want);
  });

  // Was a known bug (JSON-schema coercion let k=Infinity through); the compare route now refuses k > 20.
  it('compare refuses k=Infinity (k must be ≤ 20)', async () => {
    expect((await app.inject({ method: 'GET', url: '/api/compare?q=a&k=Infinity' })).statusCode).toBe(400);
  });

  it('search refuses k=Infinity, naming k and its range 1–50 (not the library\'s 100)', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/search?q=a&k=Infinity' });
    expect(res.statusCode).toBe(400);
    expect(expectErrorShape(res.json()).message).toBe('参数 k 必须是 1 到 50 之间的整数 / parameter k must be an integer ≥ 1 and ≤ 50');
  });

  it.each(IDS.map(([id, want], i) => [i, id, want] as const))('path id #%i', async (_i, id, want) => {
    for (const url of [`/api/clauses/${id}`, `/api/clauses/${id}?context=3`, `/api/documents/${id}`, `/api/documents/${id}/text`]) {
      const res = await app.inject({ method: 'GET', url });
      expect(res.statusCode, `${url.slice(0, 100)} → ${res.body.slice(0, 200)}`).toBe(want);
      expect(expectErrorShape(res.json()).error).toBe(want === 404 ? 'not_found' : 'bad_request');
    }
  });

  it.each(STATIC_PATHS.map(([p, want], i) => [i, p, want] as const))('static path #%i', async (_i, p, want) => {
    for (const method of ['GET', 'HEAD'] as const) {
      const res = await app.inject({ method, url: p });
      expect(res.statusCode, `${method} ${p.slice(0, 100)}`).toBe(want);
      expect(res.body).not.toContain(SECRET);
    }
  });

  it('raw bytes on a real socket: lone-surrogate UTF-8, invalid UTF-8, control bytes in the request line', async () => {
    // inject() re-encodes URLs, so the bytes a broken client can really send are written to a socket.
    await app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = app.server.address() as net.AddressInfo;
    const send = (target: Buffer) =>
      new Promise<{ status: number; body: string }>((resolve, reject) => {
        const sock = net.connect(port, '127.0.0.1');
        const chunks: Buffer[] = [];
        sock.on('data', (c) => chunks.push(c));
        sock.on('error', reject);
        sock.on('close', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          resolve({ status: Number(/^HTTP\/1\.1 (\d{3})/.exec(text)?.[1] ?? 0), body: text });
        });
        sock.end(Buffer.concat([Buffer.from('GET '), target, Buffer.from(' HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n')]));
      });
    // Node's HTTP parser refuses bytes outside visible ASCII in the request line (RFC 9112): all 400, in our shape.
    const targets: [Buffer, number][] = [
      [Buffer.concat([Buffer.from('/api/search?q='), Buffer.from([0xed, 0xa0, 0x80])]), 400],
      [Buffer.concat([Buffer.from('/api/search?q=a'), Buffer.from([0xed, 0xb0, 0x80]), Buffer.from('&mode=keyword')]), 400],
      [Buffer.concat([Buffer.from('/api/search?q='), Buffer.from([0xff, 0xfe, 0xc0, 0xae])]), 400],
      [Buffer.concat([Buffer.from('/api/compare?q='), Buffer.from([0xe6, 0xb0])]), 400],
      [Buffer.concat([Buffer.from('/api/clauses/'), Buffer.from([0xed, 0xa0, 0x80])]), 400],
      [Buffer.concat([Buffer.from('/'), Buffer.from([0xed, 0xa0, 0x80])]), 400],
      [Buffer.concat([Buffer.from('/..'), Buffer.from([0xc0, 0xaf]), Buffer.from('secret.txt')]), 400],
      [Buffer.concat([Buffer.from('/api/search?q=a'), Buffer.from([0x01, 0x7f])]), 400],
      [Buffer.from('/api/search?q=\u6c22'), 400],
      [Buffer.from('/api/search?q=a\tb'), 400],
    ];
    const got: number[] = [];
    for (const [t] of targets) {
      const res = await send(t);
      got.push(res.status);
      expect(res.body).not.toContain(SECRET);
      // Whether the HTTP parser or a route refused it, a 400 speaks our bilingual shape.
      expect(res.status !== 400 || /"error":"bad_request","message":"[^"]+ \/ [^"]+"/.test(res.body), res.body.slice(0, 200)).toBe(true);
    }
    expect(got).toEqual(targets.map(([, want]) => want));
  });

  it('odd methods, headers and bodies', async () => {
    const attempts = [
      { method: 'POST' as const, url: '/api/search', payload: { q: 'a' } },
      { method: 'PUT' as const, url: '/api/documents/gansu-14th-plan', payload: 'x' },
      { method: 'DELETE' as const, url: '/api/clauses/x' },
      { method: 'OPTIONS' as const, url: '/api/search?q=a' },
      { method: 'PATCH' as const, url: '/', payload: 'x'.repeat(200_000) },
      { method: 'GET' as const, url: '/api/search?q=a', headers: { 'content-type': 'application/json' }, payload: '{bad json' },
      { method: 'GET' as const, url: '/api/search?q=a', headers: { accept: 'application/xml' } },
      { method: 'GET' as const, url: '/', headers: { range: 'bytes=999999-0' } },
      { method: 'GET' as const, url: '/', headers: { 'if-none-match': '"'.repeat(100) } },
      { method: 'GET' as const, url: '/api/health', headers: { 'x-forwarded-for': '1.2.3.4, <script>' } },
      { method: 'GET' as const, url: '/api/search?q=a', headers: { 'accept-encoding': 'gzip;q=bogus' } },
    ];
    // No route for other methods (404, CORS off); a GET body is ignored; an unsatisfiable range is a 416.
    const want = [404, 404, 404, 404, 404, 200, 200, 416, 200, 200, 200];
    const got: number[] = [];
    for (const a of attempts) {
      const res = await app.inject(a);
      got.push(res.statusCode);
      expect(res.body).not.toContain(SECRET);
      expect(res.body).not.toMatch(/\n\s+at .+:\d+:\d+/);
    }
    expect(got).toEqual(want);
  });
});
