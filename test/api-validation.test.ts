// Validation gaps of issue 10 (item 6): one k limit per route, stated the same in the schema (/docs),
// the error message and the README; integers as plain decimal digits only; invalid percent-escapes or
// invalid UTF-8 anywhere in the URL → 400; an over-long request line or header → 431 and a slow
// request → 408 from the front server, each with a message saying what happened; /api/health exempt
// from the rate limit; the 429 message carrying the retry time.
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildFixture, expectErrorShape, ROOT, type Fixture } from './api-fixture.ts';
import { FRONT_TIMEOUTS, ServingSwitch, buildFront } from '../server/live/serving.ts';

let fx: Fixture;
let app: FastifyInstance;

beforeAll(async () => {
  fx = await buildFixture();
  app = fx.app;
});
afterAll(async () => {
  await fx?.close();
});

const get = (url: string) => app.inject({ method: 'GET', url });

/** The 400 body for an integer parameter out of its range or not written as an integer. */
const rangeError = (name: string, min: number, max: number) => ({
  error: 'bad_request',
  message: `参数 ${name} 必须是 ${min} 到 ${max} 之间的整数 / parameter ${name} must be an integer ≥ ${min} and ≤ ${max}`,
});

const MALFORMED_URL = {
  error: 'bad_request',
  message: '请求地址编码无效（百分号编码须为有效的 UTF-8） / malformed request URL (percent-escapes must encode valid UTF-8)',
};

// Integers are plain decimal digits: exponent, hex, fraction, sign, blank and non-finite spellings are refused.
const NOT_AN_INTEGER = ['Infinity', '-Infinity', '1e400', '1e1', '0x10', '2.5', '1.0', '-0', '+5', '%20', '', 'NaN', 'ten', '99999999999999999999999'];

describe('one k limit per route: search 1–50, compare 1–20 (and context 0–20 of a clause)', () => {
  it.each(NOT_AN_INTEGER)('search k=%s → 400 naming k and 1–50', async (k) => {
    const res = await get(`/api/search?q=a&k=${k}`);
    expect([res.statusCode, res.json()]).toEqual([400, rangeError('k', 1, 50)]);
  });

  it.each(NOT_AN_INTEGER)('compare k=%s → 400 naming k and 1–20', async (k) => {
    const res = await get(`/api/compare?q=a&k=${k}`);
    expect([res.statusCode, res.json()]).toEqual([400, rangeError('k', 1, 20)]);
  });

  it('the bounds: search 0, -1, 51 refused; 1 and 50 accepted; compare 0, -1, 21 refused; 1 and 20 accepted', async () => {
    for (const k of ['0', '-1', '51']) expect((await get(`/api/search?q=a&k=${k}`)).json(), k).toEqual(rangeError('k', 1, 50));
    for (const k of ['0', '-1', '21']) expect((await get(`/api/compare?q=a&k=${k}`)).json(), k).toEqual(rangeError('k', 1, 20));
    const q = encodeURIComponent('新材料');
    const fifty = await get(`/api/search?q=${q}&k=50&mode=keyword`);
    expect(fifty.statusCode).toBe(200);
    expect(fifty.json().hits.length).toBe(50);
    const one = await get(`/api/search?q=${q}&k=1&mode=keyword`);
    expect(one.json().hits.length).toBe(1);
    // A leading zero is still decimal digits: 07 is 7.
    expect((await get(`/api/search?q=${q}&k=07&mode=keyword`)).json().hits.length).toBe(7);
    const twenty = await get(`/api/compare?q=${q}&k=20&mode=keyword`);
    expect(twenty.statusCode).toBe(200);
    const perRegion = (twenty.json().groups as { hits: unknown[] }[]).map((g) => g.hits.length);
    expect(Math.max(...perRegion)).toBe(20);
    const compareOne = await get(`/api/compare?q=${q}&k=1&mode=keyword`);
    expect(Math.max(...(compareOne.json().groups as { hits: unknown[] }[]).map((g) => g.hits.length))).toBe(1);
  });

  it('compare k=Infinity no longer answers 26 hits per region', async () => {
    const res = await get(`/api/compare?q=${encodeURIComponent('新材料')}&k=Infinity&mode=keyword`);
    expect(res.statusCode).toBe(400);
  });

  it('a repeated k is refused as repeated', async () => {
    for (const url of ['/api/search?q=a&k=1&k=2', '/api/compare?q=a&k=1&k=2']) {
      expect((await get(url)).json(), url).toEqual({ error: 'bad_request', message: '参数 k 不能重复 / parameter k must not be repeated' });
    }
  });

  it('context of a clause: 0–20 in decimal digits', async () => {
    const id = fx.kb.records[10].id;
    for (const c of ['Infinity', '1e1', '21', '-1', '2.5', '']) {
      const res = await get(`/api/clauses/${id}?context=${c}`);
      expect([res.statusCode, res.json()], c).toEqual([400, rangeError('context', 0, 20)]);
    }
    expect((await get(`/api/clauses/${id}?context=0`)).statusCode).toBe(200);
    expect((await get(`/api/clauses/${id}?context=20`)).statusCode).toBe(200);
  });

  it('the OpenAPI spec at /docs states the same ranges and defaults', async () => {
    const spec = (await get('/docs/json')).json();
    const param = (route: string, name: string) =>
      (spec.paths[route].get.parameters as { name: string; schema: Record<string, unknown>; description?: string }[]).find((p) => p.name === name)!;
    const k = param('/api/search', 'k');
    expect([k.schema.type, k.schema.minimum, k.schema.maximum, k.schema.default]).toEqual(['integer', 1, 50, 10]);
    expect(k.description ?? k.schema.description).toBe('number of hits: an integer from 1 to 50 (default 10)');
    const ck = param('/api/compare', 'k');
    expect([ck.schema.type, ck.schema.minimum, ck.schema.maximum, ck.schema.default]).toEqual(['integer', 1, 20, 5]);
    expect(ck.description ?? ck.schema.description).toBe('hits per jurisdiction: an integer from 1 to 20 (default 5)');
    const ctx = param('/api/clauses/{id}', 'context');
    expect([ctx.schema.minimum, ctx.schema.maximum, ctx.schema.default]).toEqual([0, 20, 2]);
    // The other routes take no k.
    for (const route of ['/api/answer', '/api/acceptance', '/api/facts', '/api/documents']) {
      const names = ((spec.paths[route].get.parameters ?? []) as { name: string }[]).map((p) => p.name);
      expect(names, route).not.toContain('k');
    }
  });

  it('the README states the same limits', () => {
    const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    expect(readme).toContain('| `k` of `GET /api/search` | integer 1–50, default 10 |');
    expect(readme).toContain('| `k` of `GET /api/compare` | integer 1–20 per jurisdiction, default 5 |');
    expect(readme).toContain('| `context` of `GET /api/clauses/:id` | integer 0–20, default 2 |');
    // The front server's limits as configured.
    expect([FRONT_TIMEOUTS.headersTimeoutMs, FRONT_TIMEOUTS.requestTimeoutMs]).toEqual([30_000, 300_000]);
    expect(readme).toContain('| time to send a request | headers within 30 s, the whole request (an upload) within 300 s | 408 |');
    expect(readme).toContain('| request line and headers | 16 KB together (Node\'s limit) | 431 |');
  });
});

describe('invalid percent-escapes or UTF-8 anywhere in the URL → 400', () => {
  // %FF%FE: not UTF-8; %ED%A0%80: an encoded surrogate; %E6%B0 and %F0%9F: cut sequences; %C0%AE: overlong;
  // a lone %, %zz and %u6C22: not escapes at all.
  const BAD = ['q=%FF%FE', 'q=%ED%A0%80', 'q=%', 'q=%zz', 'q=%E6%B0', 'q=%F0%9F', 'q=%C0%AE', 'q=%u6C22', 'q=a&mode=keyword%FF'];

  it.each(BAD)('search, compare and answer refuse ?%s', async (qs) => {
    for (const route of ['/api/search', '/api/compare', '/api/answer']) {
      const res = await get(`${route}?${qs}`);
      expect([res.statusCode, res.json()], `${route}?${qs}`).toEqual([400, MALFORMED_URL]);
    }
  });

  it('in a filter value, in a static page query or in a path: the same answer', async () => {
    for (const url of ['/api/search?q=a&jurisdiction=%ED%A0%80', '/?utm=%FF', '/api/health?x=%', '/api/clauses/%ED%A0%80', '/a%zz']) {
      const res = await get(url);
      expect([res.statusCode, res.json()], url).toEqual([400, MALFORMED_URL]);
      expectErrorShape(res.json());
    }
  });

  it('the 400 carries the CORS headers of an allowed origin, so a browser page can read it', async () => {
    const withCors = await fx.makeApp({ cors: ['https://ok.example'] });
    const res = await withCors.inject({ method: 'GET', url: '/api/search?q=%FF', headers: { origin: 'https://ok.example' } });
    expect([res.statusCode, res.json(), res.headers['access-control-allow-origin']]).toEqual([400, MALFORMED_URL, 'https://ok.example']);
  });

  it('valid escapes keep working: astral characters (𠀀), Chinese, a NUL, an encoded plus', async () => {
    const astral = await get('/api/search?q=%F0%A0%80%80&mode=keyword');
    expect(astral.statusCode).toBe(200);
    expect(astral.json().tokens).toEqual(['𠀀']);
    const zh = await get('/api/search?q=%E6%B0%A2%E8%83%BD&mode=keyword');
    expect(zh.statusCode).toBe(200);
    expect(zh.json().hits.length).toBeGreaterThan(0);
    expect((await get('/api/search?q=a%00b')).statusCode).toBe(200);
    expect((await get('/api/search?q=%2B%2B')).statusCode).toBe(200);
  });
});

/** Writes raw bytes to the server and reads until it closes (or `deadlineMs` passes). */
function rawExchange(port: number, data: string, deadlineMs = 5000): Promise<{ status: number; head: string; body: string }> {
  return new Promise((resolve, reject) => {
    const sock = net.connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    const timer = setTimeout(() => sock.destroy(), deadlineMs);
    sock.on('data', (c) => chunks.push(c));
    sock.on('error', reject);
    sock.on('close', () => {
      clearTimeout(timer);
      const text = Buffer.concat(chunks).toString('utf8');
      const [head, body = ''] = text.split('\r\n\r\n');
      resolve({ status: Number(/^HTTP\/1\.1 (\d{3})/.exec(text)?.[1] ?? 0), head, body });
    });
    sock.write(data);
  });
}

describe('the front server: 431 for an over-long request line or header, 408 for a slow request', () => {
  let front: FastifyInstance;
  let port: number;
  beforeAll(async () => {
    await app.ready();
    const sw = new ServingSwitch({ app, kb: fx.kb, label: 'validation' }, { info: () => {}, error: () => {} });
    front = buildFront(sw, { headersTimeoutMs: 400, requestTimeoutMs: 1000, checkIntervalMs: 50 });
    await front.listen({ port: 0, host: '127.0.0.1' });
    port = (front.server.address() as net.AddressInfo).port;
  });
  // Only the front: the switch would close the fixture's app and knowledge base, which fx.close() owns.
  afterAll(async () => {
    await front?.close();
  });

  const TOO_LARGE = {
    error: 'headers_too_large',
    message: '请求行或请求头过大（合计不超过 16 KB） / request line or headers too large (16 KB at most in all)',
  };

  it('answers an ordinary request', async () => {
    const res = await rawExchange(port, 'GET /api/health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
    expect(res.status).toBe(200);
  });

  it('an over-long URL → 431 saying the request line or headers are too large', async () => {
    const res = await rawExchange(port, `GET /api/search?q=${'a'.repeat(20_000)} HTTP/1.1\r\nHost: x\r\n\r\n`);
    expect(res.status).toBe(431);
    expect(res.head).toMatch(/\r\ncontent-type: application\/json; charset=utf-8\r\n/i);
    expect(JSON.parse(res.body)).toEqual(TOO_LARGE);
  });

  it('an over-long header → the same 431', async () => {
    const res = await rawExchange(port, `GET /api/health HTTP/1.1\r\nHost: x\r\nX-Junk: ${'b'.repeat(20_000)}\r\n\r\n`);
    expect([res.status, JSON.parse(res.body)]).toEqual([431, TOO_LARGE]);
  });

  it('headers that never finish → 408 saying the request took too long', async () => {
    const t0 = Date.now();
    const res = await rawExchange(port, 'GET /api/health HTTP/1.1\r\nHost: x\r\n');
    expect(res.status).toBe(408);
    expect(JSON.parse(res.body)).toEqual({
      error: 'request_timeout',
      message: '请求超时：未能在时限内收到完整的请求 / request timeout: the request took too long to arrive',
    });
    expect(Date.now() - t0).toBeLessThan(4000);
  });

  it('bytes the HTTP parser refuses are still a 400 in the error shape', async () => {
    const res = await rawExchange(port, 'GET /api/search?q=a\tb HTTP/1.1\r\nHost: x\r\n\r\n');
    expect(res.status).toBe(400);
    expect(expectErrorShape(JSON.parse(res.body)).error).toBe('bad_request');
  });
});

describe('rate limit: /api/health exempt, the 429 says when to retry', () => {
  it('health is never limited, and does not use up the budget of other routes', async () => {
    const limited = await fx.makeApp({ rateLimit: { max: 2, timeWindow: '1 minute' } });
    const hit = (url: string) => limited.inject({ method: 'GET', url, remoteAddress: '10.9.9.9' });
    for (let i = 0; i < 10; i++) expect((await hit('/api/health')).statusCode).toBe(200);
    expect((await hit('/api/documents')).statusCode).toBe(200);
    expect((await hit('/api/documents')).statusCode).toBe(200);
    const over = await hit('/api/documents');
    expect(over.statusCode).toBe(429);
    // The load balancer's probe from the same busy address still gets through.
    expect((await hit('/api/health')).statusCode).toBe(200);
    expect((await limited.inject({ method: 'HEAD', url: '/api/health', remoteAddress: '10.9.9.9' })).statusCode).toBe(200);

    const body = over.json();
    expect(body.error).toBe('rate_limited');
    const m = /^请求过于频繁，请在 (\d+) 秒后重试 \/ too many requests; retry in (\d+) seconds?$/.exec(body.message);
    expect(m, body.message).not.toBeNull();
    // Both languages give the retry time, and it is the Retry-After header's value.
    expect(m![1]).toBe(m![2]);
    expect(m![1]).toBe(over.headers['retry-after']);
    expect(Number(m![1])).toBeGreaterThanOrEqual(59);
    expect(Number(m![1])).toBeLessThanOrEqual(60);
  });
});
