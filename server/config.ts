// Environment → server options. Everything has a safe default so `npm start` works with no env set.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export interface RateLimitOptions {
  max: number;
  timeWindow: string;
}

export interface ServerConfig {
  port: number;
  host: string;
  dataDir: string;
  corpusDir: string;
  webRoot: string;
  rateLimit: RateLimitOptions | false;
  cors: string[] | false;
  logLevel: string;
  trustProxy: boolean;
  /** Entries of the search-result cache (POLICYKB_SEARCH_CACHE, 0 = off). */
  searchCache: number;
  /** POLICYKB_ADMIN_TOKEN: bearer token of the document API; null = document management off (403). */
  adminToken: string | null;
  /** POLICYKB_UPLOAD_MAX: largest upload in bytes (default 20 MB). */
  uploadMax: number;
  /** POLICYKB_WORKERS: server processes sharing the port and the index files (server/live/cluster.ts; default 1). */
  workers: number;
}

/** "20MB", "512 KB", "1.5m", "1048576" → bytes; throws on anything else. */
export function parseByteSize(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined || value.trim() === '') return fallback;
  const m = /^(\d+(?:\.\d+)?)\s*(b|k|kb|kib|m|mb|mib|g|gb|gib)?$/i.exec(value.trim());
  const unit = (m?.[2] ?? 'b').toLowerCase()[0];
  const n = m ? Math.round(Number(m[1]) * ({ b: 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3 } as Record<string, number>)[unit]) : NaN;
  if (!Number.isSafeInteger(n) || n < 1024 || n > 2 * 1024 ** 3) {
    throw new Error(`${name} must be a size between 1 KB and 2 GB such as "20MB", "512KB" or bytes, got "${value}"`);
  }
  return n;
}

/** The package version, reported by /api/health. */
export const APP_VERSION: string = (() => {
  try {
    const pkg = JSON.parse(readFileSync(path.join(ROOT_DIR, 'package.json'), 'utf8')) as { version?: string };
    return pkg.version ?? '0.0.0';
  } catch {
    return '0.0.0';
  }
})();

function intFromEnv(name: string, value: string | undefined, fallback: number, min: number, max: number): number {
  if (value === undefined || value.trim() === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new Error(`${name} must be an integer between ${min} and ${max}, got "${value}"`);
  }
  return n;
}

const OFF = new Set(['0', 'off', 'false', 'no', 'none']);

// The duration grammar @fastify/rate-limit reads (@lukeed/ms): "1 minute", "10s", "2h", "60000" (ms).
// A string it cannot read becomes no window at all, and then every /api request fails with a 500.
const WINDOW =
  /^(\d*\.?\d+) *(m(?:illiseconds?|s(?:ecs?)?))?(s(?:ec(?:onds?|s)?)?)?(m(?:in(?:utes?|s)?)?)?(h(?:ours?|rs?)?)?(d(?:ays?)?)?(w(?:eeks?|ks?)?)?(y(?:ears?|rs?)?)?$/i;

function windowFromEnv(value: string | undefined): string {
  const w = value?.trim() || '1 minute';
  const m = WINDOW.exec(w);
  if (!m || !(parseFloat(m[1]) > 0)) {
    throw new Error(`POLICYKB_RATE_LIMIT_WINDOW must be a positive duration such as "1 minute", "30s" or "60000", got "${value}"`);
  }
  return w;
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

/** Reads the process environment (or a given one, for tests). Throws on malformed values. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  const port = intFromEnv('PORT', env.PORT, 3000, 0, 65535);
  const host = env.HOST?.trim() || '127.0.0.1';
  const dataDir = path.resolve(env.POLICYKB_DATA?.trim() || path.join(ROOT_DIR, 'data'));
  const corpusDir = path.resolve(env.POLICYKB_CORPUS?.trim() || path.join(ROOT_DIR, 'corpus'));
  const webRoot = path.resolve(env.POLICYKB_WEB_ROOT?.trim() || path.join(ROOT_DIR, 'web', 'dist'));

  // POLICYKB_RATE_LIMIT=off disables; otherwise POLICYKB_RATE_LIMIT_MAX requests per POLICYKB_RATE_LIMIT_WINDOW.
  let rateLimit: RateLimitOptions | false = false;
  if (!OFF.has((env.POLICYKB_RATE_LIMIT ?? '').trim().toLowerCase())) {
    rateLimit = {
      max: intFromEnv('POLICYKB_RATE_LIMIT_MAX', env.POLICYKB_RATE_LIMIT_MAX, 300, 1, 1_000_000),
      timeWindow: windowFromEnv(env.POLICYKB_RATE_LIMIT_WINDOW),
    };
  }

  // CORS stays off unless origins are listed (comma-separated); "*" allows any origin.
  const origins = (env.POLICYKB_CORS_ORIGINS ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const cors = origins.length > 0 ? origins : false;

  const logLevel = env.LOG_LEVEL?.trim() || 'info';
  // pino throws on an unknown level, which would end start-up with a stack trace instead of this message.
  if (!LOG_LEVELS.includes(logLevel)) throw new Error(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, got "${env.LOG_LEVEL}"`);
  const trustProxy = ['1', 'true', 'yes', 'on'].includes((env.POLICYKB_TRUST_PROXY ?? '').trim().toLowerCase());

  const searchCache = intFromEnv('POLICYKB_SEARCH_CACHE', env.POLICYKB_SEARCH_CACHE, 1000, 0, 1_000_000);

  const adminToken = env.POLICYKB_ADMIN_TOKEN?.trim() || null;
  if (adminToken && adminToken.length < 12) throw new Error('POLICYKB_ADMIN_TOKEN must be at least 12 characters long');
  const uploadMax = parseByteSize('POLICYKB_UPLOAD_MAX', env.POLICYKB_UPLOAD_MAX, 20 * 1024 * 1024);
  const workers = intFromEnv('POLICYKB_WORKERS', env.POLICYKB_WORKERS, 1, 1, 64);

  return { port, host, dataDir, corpusDir, webRoot, rateLimit, cors, logLevel, trustProxy, searchCache, adminToken, uploadMax, workers };
}
