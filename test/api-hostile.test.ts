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

// Query texts, sent percent-encoded as q (raw where marked).
const QUERY_TEXTS: string[] = [
  // unicode junk
  '💥🔥🧪', '👨‍👩‍👧‍👦'.repeat(10), 'e\u0301\u0302\u0303\u0304\u0305\u0306', 'Z̸̡̢̛̗̘̙̜̝̞̟̠̤̥̦̩̪̫̬̭̮̯̰̱̲̳̹̺̻̼ͅ', '\u202e氢能\u202c', '\ufeff氢能', '\ufffd\ufffd',
  '\uffff\ufffe', '\ue000\uf8ff', '𠀀𪚥𩸽', '\u3000\u3000氢能\u3000', 'ｑｕｅｒｙ　全角', '\u200b\u200c\u200d', '\u00a0', '\u2028\u2029',
  'ﾊﾝｶｸ', '①②③', '㊙️', '\u0000氢能', 'Ω≈ç√∫', '\u180e', '🇨🇳', 'ᠮᠣᠩᠭᠣᠯ', 'العربية', 'עברית', '\u0e01\u0e33',
  // lone surrogates (raw in the URL and as a half pair)
  '\ud800', '\udc00', '氢\ud83d能', '\udfff\ud800', 'a\ud800b\udc00c',
  // control characters
  '\u0001\u0002\u0003氢能', '\t\n\r储能', '\u001b[31mred\u001b[0m', '\u0008\u0008', '\u007f\u0080\u009f', '\r\nSet-Cookie: x=1',
  // SQL
  "' OR 1=1 --", '"; DROP TABLE records; --', "1'; SELECT * FROM meta; --", "%' UNION SELECT id FROM records --", "'); DELETE FROM documents; /*",
  'x\' AND sqlite_version()>0 --', '\\x27 OR \\x27\\x27=\\x27',
  // FTS / query syntax
  'NEAR(氢能 储能)', '"unterminated', 'a AND OR NOT', '*', '氢能*', '-储能', 'title:氢能', 'col:*', '^氢能', '(', ')', '{', '}', '[', ']',
  'a OR', 'MATCH', '"a" NEAR/3 "b"', '+++', '~~', 'AND', 'NOT NOT NOT', '::', '\\', '$&', '.*', '(?:', '%', '%%', '_',
  // markup and templates
  '<script>alert(1)</script>', '{{7*7}}', '${process.exit()}', '../../../../etc/passwd', 'file:///etc/passwd', '__proto__', 'constructor',
  'hasOwnProperty', 'toString', 'null', 'undefined', 'NaN', '[object Object]', '{"$gt":""}',
  // length
  'a'.repeat(200), '科'.repeat(200), '🧪'.repeat(200), 'a'.repeat(201), '科'.repeat(10_000), ' '.repeat(1000) + '氢能' + ' '.repeat(1000),
  '氢能 '.repeat(66), '、'.repeat(200), '。'.repeat(200), '1'.repeat(200), '\u0301'.repeat(200),
];

// Raw query strings appended to /api/search? (parameter-level attacks).
const RAW_QUERIES: string[] = [
  'q=%ED%A0%80', 'q=%ED%B0%80', 'q=%F0%9F', 'q=%E6%B0', 'q=%C0%AE%C0%AE', 'q=%FF%FE', 'q=%', 'q=%%', 'q=%zz', 'q=%u6C22',
  'q=%00', 'q=a%00b', 'q=a&q=b', 'q=a&q=', 'q=&q=', 'q[]=a', 'q[a]=b', 'q.a=b', 'q=a&k=1&k=2', 'q=a&k=1e1', 'q=a&k=0x10', 'q=a&k=Infinity',
  'q=a&k=NaN', 'q=a&k=99999999999999999999999', 'q=a&k=-0', 'q=a&k=%20', 'q=a&k=1.0', 'q=a&k=true', 'q=a&k[]=1', 'q=a&mode=KEYWORD',
  'q=a&mode=keyword&mode=vector', 'q=a&mode=', 'q=a&mode=__proto__', 'q=a&doc=', 'q=a&doc=,,,', 'q=a&doc=__proto__',
  `q=a&${'doc=lanzhou-2022-guide&'.repeat(100)}`, 'q=a&jurisdiction=%ED%A0%80', 'q=a&jurisdiction=constructor', 'q=a&year=0',
  'q=a&year=-2022', 'q=a&year=20222', 'q=a&year=2022.5', 'q=a&year=%EF%BC%92%EF%BC%90%EF%BC%92%EF%BC%92', 'q=a&kind=', 'q=a&kind=clause,,heading',
  'q=a&kind=toString', '__proto__[q]=a', 'constructor[prototype][x]=1', 'q=a&__proto__=x', 'q=a&&&&', '&&&q=a', '=&=&q=a', 'q', 'q=a=b=c',
  'q=a;k=5', 'q=a+b+c', 'q=+++', 'q=%2B%2B', 'q=a#fragment', `q=${'%E6%B0%A2'.repeat(300)}`,
];

// Path parameters for /api/clauses/:id and /api/documents/:id.
const IDS: string[] = [
  '..', '...', '..%2F..%2Fetc%2Fpasswd', '%2e%2e', '%00', 'a%00b', '%ED%A0%80', "'%20OR%201%3D1", '__proto__', 'constructor', 'toString',
  'hasOwnProperty', 'valueOf', '%F0%9F%92%A5', 'x'.repeat(150), 'x'.repeat(5000), '%20', '%E6%B0%A2', 'null', 'undefined',
];

// Static paths: traversal and oddities.
const STATIC_PATHS: string[] = [
  '/../secret.txt', '/../../secret.txt', '/..%2fsecret.txt', '/..%2Fsecret.txt', '/%2e%2e/secret.txt', '/%2e%2e%2fsecret.txt',
  '/assets/../../secret.txt', '/assets/..%2f..%2fsecret.txt', '/assets/%2e%2e/%2e%2e/secret.txt', '/....//....//secret.txt',
  '/..%5csecret.txt', '/..\\secret.txt', '/%c0%ae%c0%ae/secret.txt', '/%252e%252e/secret.txt', '/index.html%00.js', '/.env', '/%2eenv',
  '//secret.txt', '///etc/passwd', '/%ED%A0%80', '/%', '/a%zz', '/assets/', '/assets', '/%2e%2e/package.json', '/web/../package.json',
  '/docs/../secret.txt', '/docs/static/../../secret.txt', '/api/../secret.txt', '/api/..%2f..%2fsecret.txt', `/${'a/'.repeat(500)}`,
  `/${'x'.repeat(3000)}`, '/doc/%ED%A0%80', '/doc/<script>', '/?q=%ED%A0%80',
];

describe('hostile input never produces a 5xx', () => {
  it('has at least 100 hostile inputs', () => {
    expect(QUERY_TEXTS.length + RAW_QUERIES.length + IDS.length + STATIC_PATHS.length).toBeGreaterThanOrEqual(100);
  });

  it.each(QUERY_TEXTS.map((q, i) => [i, q] as const))('q text #%i on search (all modes) and compare', async (_i, q) => {
    for (const url of [
      `/api/search?q=${looseEncode(q)}`,
      `/api/search?mode=keyword&q=${looseEncode(q)}`,
      `/api/search?mode=vector&q=${looseEncode(q)}`,
      `/api/search?mode=hybrid&k=50&q=${looseEncode(q)}`,
      `/api/compare?q=${looseEncode(q)}`,
    ]) {
      const res = await app.inject({ method: 'GET', url });
      expect(res.statusCode, `${url.slice(0, 120)} → ${res.body.slice(0, 200)}`).toBeLessThan(500);
      const body = res.json();
      if (res.statusCode === 200) expect(Array.isArray(body.hits ?? body.groups)).toBe(true);
      else expect(expectErrorShape(body).error).toBe('bad_request');
    }
  });

  it.each(QUERY_TEXTS.map((q, i) => [i, q] as const))('q text #%i on the acceptance, facts and answer routes', async (_i, q) => {
    for (const url of [
      `/api/answer?q=${looseEncode(q)}`,
      `/api/acceptance?field=${looseEncode(q)}`,
      `/api/acceptance?jurisdiction=${looseEncode(q)}`,
      `/api/facts?doc=${looseEncode(q)}`,
    ]) {
      const res = await app.inject({ method: 'GET', url });
      expect(res.statusCode, `${url.slice(0, 120)} → ${res.body.slice(0, 200)}`).toBeLessThan(500);
      if (res.statusCode !== 200) expectErrorShape(res.json());
    }
  });

  it.each(RAW_QUERIES.map((q, i) => [i, q] as const))('raw query string #%i', async (_i, qs) => {
    for (const path of ['/api/search', '/api/compare']) {
      const res = await app.inject({ method: 'GET', url: `${path}?${qs}` });
      expect(res.statusCode, `${path}?${qs.slice(0, 100)} → ${res.body.slice(0, 200)}`).toBeLessThan(500);
      if (res.statusCode !== 200) expectErrorShape(res.json());
    }
  });

  it.each(IDS.map((id, i) => [i, id] as const))('path id #%i', async (_i, id) => {
    for (const url of [`/api/clauses/${id}`, `/api/clauses/${id}?context=3`, `/api/documents/${id}`, `/api/documents/${id}/text`]) {
      const res = await app.inject({ method: 'GET', url });
      expect(res.statusCode, `${url.slice(0, 100)} → ${res.body.slice(0, 200)}`).toBeLessThan(500);
      expect([400, 404]).toContain(res.statusCode);
      expectErrorShape(res.json());
    }
  });

  it.each(STATIC_PATHS.map((p, i) => [i, p] as const))('static path #%i', async (_i, p) => {
    for (const method of ['GET', 'HEAD'] as const) {
      const res = await app.inject({ method, url: p });
      expect(res.statusCode, `${method} ${p.slice(0, 100)}`).toBeLessThan(500);
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
    const targets = [
      Buffer.concat([Buffer.from('/api/search?q='), Buffer.from([0xed, 0xa0, 0x80])]),
      Buffer.concat([Buffer.from('/api/search?q=a'), Buffer.from([0xed, 0xb0, 0x80]), Buffer.from('&mode=keyword')]),
      Buffer.concat([Buffer.from('/api/search?q='), Buffer.from([0xff, 0xfe, 0xc0, 0xae])]),
      Buffer.concat([Buffer.from('/api/compare?q='), Buffer.from([0xe6, 0xb0])]),
      Buffer.concat([Buffer.from('/api/clauses/'), Buffer.from([0xed, 0xa0, 0x80])]),
      Buffer.concat([Buffer.from('/'), Buffer.from([0xed, 0xa0, 0x80])]),
      Buffer.concat([Buffer.from('/..'), Buffer.from([0xc0, 0xaf]), Buffer.from('secret.txt')]),
      Buffer.concat([Buffer.from('/api/search?q=a'), Buffer.from([0x01, 0x7f])]),
      Buffer.from('/api/search?q=\u6c22'),
      Buffer.from('/api/search?q=a\tb'),
    ];
    for (const t of targets) {
      const res = await send(t);
      expect(res.status, `${t.toString('latin1')} → ${res.body.slice(0, 200)}`).toBeGreaterThanOrEqual(200);
      expect(res.status, `${t.toString('latin1')} → ${res.body.slice(0, 200)}`).toBeLessThan(500);
      expect(res.body).not.toContain(SECRET);
      // Whether the HTTP parser or a route refused it, a 400 speaks our bilingual shape.
      if (res.status === 400) expect(res.body).toMatch(/"error":"bad_request","message":"[^"]+ \/ [^"]+"/);
    }
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
    for (const a of attempts) {
      const res = await app.inject(a);
      expect(res.statusCode, `${a.method} ${a.url}`).toBeLessThan(500);
      expect(res.body).not.toContain(SECRET);
      expect(res.body).not.toMatch(/\n\s+at .+:\d+:\d+/);
    }
  });
});
