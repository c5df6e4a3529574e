// One error shape for every failure: { error, message }, message in Chinese then English.
// User input must never produce a 5xx or leak a stack trace.
import http from 'node:http';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

export interface ErrorBody {
  /** Stable machine code: bad_request, not_found, rate_limited, internal… */
  error: string;
  /** "中文说明 / English explanation" */
  message: string;
}

/** JSON schema of ErrorBody, used as the 4xx/5xx response schema of every route. */
export const errorSchema = {
  $id: 'ErrorBody',
  type: 'object',
  required: ['error', 'message'],
  properties: {
    error: { type: 'string', description: 'machine-readable code' },
    message: { type: 'string', description: '中文 / English' },
  },
} as const;

export function bilingual(zh: string, en: string): string {
  return `${zh} / ${en}`;
}

/** An error meant for the client: status, code and a bilingual message. */
export class ApiError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    zh: string,
    en: string,
  ) {
    super(bilingual(zh, en));
    this.name = 'ApiError';
  }
}

export const badRequest = (zh: string, en: string) => new ApiError(400, 'bad_request', zh, en);
export const notFound = (zh: string, en: string) => new ApiError(404, 'not_found', zh, en);
/** 429 of the rate limit; `seconds` is also the Retry-After header's value. */
export const rateLimited = (seconds: number) =>
  new ApiError(429, 'rate_limited', `请求过于频繁，请在 ${seconds} 秒后重试`, `too many requests; retry in ${seconds} second${seconds === 1 ? '' : 's'}`);

interface AjvErrorLike {
  instancePath?: string;
  keyword?: string;
  params?: Record<string, unknown>;
}

const TYPE_ZH: Record<string, string> = {
  integer: '整数',
  number: '数字',
  string: '字符串',
  array: '列表',
  boolean: '布尔值',
  object: '对象',
};

/** Turns the first schema-validation error into a bilingual message naming the parameter. */
export function describeValidation(
  errors: readonly AjvErrorLike[],
  context: string | undefined,
  input?: Record<string, unknown>,
): string {
  const e = errors[0] ?? {};
  const p = e.params ?? {};
  let name = (e.instancePath ?? '').replace(/^\//, '').split('/')[0] ?? '';
  if (e.keyword === 'required' && typeof p.missingProperty === 'string') name = p.missingProperty;
  if (!name) name = context ?? 'request';
  const where = context === 'params' ? '路径参数' : '参数';
  const whereEn = context === 'params' ? 'path parameter' : 'parameter';
  switch (e.keyword) {
    case 'required':
      return bilingual(`缺少${where} ${name}`, `missing ${whereEn} ${name}`);
    case 'type': {
      const t = String(p.type ?? '');
      // A repeated scalar parameter arrives as an array and fails the scalar type check.
      if (Array.isArray(input?.[name])) {
        return bilingual(`${where} ${name} 不能重复`, `${whereEn} ${name} must not be repeated`);
      }
      const an = /^[aeiou]/.test(t) ? 'an' : 'a';
      return bilingual(`${where} ${name} 必须是${TYPE_ZH[t] ?? t}`, `${whereEn} ${name} must be ${an} ${t}`);
    }
    case 'minimum':
    case 'exclusiveMinimum':
      return bilingual(`${where} ${name} 不能小于 ${String(p.limit)}`, `${whereEn} ${name} must be ≥ ${String(p.limit)}`);
    case 'maximum':
    case 'exclusiveMaximum':
      return bilingual(`${where} ${name} 不能大于 ${String(p.limit)}`, `${whereEn} ${name} must be ≤ ${String(p.limit)}`);
    case 'minLength':
      return bilingual(`${where} ${name} 不能为空`, `${whereEn} ${name} must not be empty`);
    case 'maxLength':
      return bilingual(
        `${where} ${name} 过长（最多 ${String(p.limit)} 个字符）`,
        `${whereEn} ${name} is too long (at most ${String(p.limit)} characters)`,
      );
    case 'maxItems':
      return bilingual(
        `${where} ${name} 的取值过多（最多 ${String(p.limit)} 个）`,
        `too many values for ${whereEn} ${name} (at most ${String(p.limit)})`,
      );
    case 'enum': {
      const allowed = Array.isArray(p.allowedValues) ? p.allowedValues.join(', ') : '';
      return bilingual(`${where} ${name} 的取值无效，可选：${allowed}`, `invalid ${whereEn} ${name}; allowed: ${allowed}`);
    }
    case 'pattern':
      return bilingual(`${where} ${name} 的格式无效`, `${whereEn} ${name} has an invalid format`);
    default:
      return bilingual(`${where} ${name} 无效`, `invalid ${whereEn} ${name}`);
  }
}

const STATUS_CODES: Record<number, [string, string, string]> = {
  400: ['bad_request', '请求无效', 'bad request'],
  403: ['forbidden', '禁止访问', 'forbidden'],
  404: ['not_found', '未找到', 'not found'],
  405: ['method_not_allowed', '不支持该方法', 'method not allowed'],
  406: ['not_acceptable', '无法提供所需格式', 'not acceptable'],
  408: ['request_timeout', '请求超时', 'request timeout'],
  413: ['payload_too_large', '请求体过大', 'payload too large'],
  414: ['uri_too_long', '请求地址过长', 'URI too long'],
  415: ['unsupported_media_type', '不支持的内容类型', 'unsupported media type'],
  416: ['range_not_satisfiable', '请求范围无效', 'range not satisfiable'],
  429: ['rate_limited', '请求过于频繁，请稍后再试', 'too many requests, please retry later'],
  431: ['headers_too_large', '请求行或请求头过大', 'request line or headers too large'],
};

/** Maps any thrown error to a status and ErrorBody without exposing internals. */
export function toErrorReply(err: unknown, request?: FastifyRequest): { status: number; body: ErrorBody } {
  if (err instanceof ApiError) return { status: err.statusCode, body: { error: err.code, message: err.message } };
  // The search library's own input check (server/kb/filters.ts); its message is already bilingual.
  if (err instanceof Error && err.name === 'SearchInputError') {
    return { status: 400, body: { error: 'bad_request', message: err.message } };
  }
  const e = (err ?? {}) as Partial<FastifyError> & { validation?: AjvErrorLike[]; validationContext?: string };
  if (Array.isArray(e.validation)) {
    const ctx = e.validationContext;
    const input = request && (ctx === 'querystring' || ctx === 'params') ? (request[ctx === 'params' ? 'params' : 'query'] as Record<string, unknown>) : undefined;
    return { status: 400, body: { error: 'bad_request', message: describeValidation(e.validation, ctx, input) } };
  }
  const status = typeof e.statusCode === 'number' ? e.statusCode : 500;
  if (status >= 400 && status < 500) {
    const known = STATUS_CODES[status] ?? ['bad_request', '请求无效', 'bad request'];
    return { status, body: { error: known[0], message: bilingual(known[1], known[2]) } };
  }
  return { status: 500, body: { error: 'internal', message: bilingual('服务器内部错误', 'internal server error') } };
}

/** Installs the global error handler, the framework-error hook and the JSON/SPA-agnostic 404 body. */
export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((err: unknown, request: FastifyRequest, reply: FastifyReply) => {
    const { status, body } = toErrorReply(err, request);
    if (status >= 500) request.log.error({ err }, 'request failed');
    else request.log.debug({ err: (err as Error)?.message }, 'client error');
    // Headers from a previous attempt (e.g. content-type of a static file) must not leak into the JSON error.
    reply.removeHeader('content-length');
    reply.removeHeader('cache-control');
    reply.code(status).type('application/json; charset=utf-8').send(body);
  });
}

/** The answer to a URL whose percent-escapes are broken or do not encode UTF-8, in the path or the query. */
export const malformedUrl = () =>
  badRequest('请求地址编码无效（百分号编码须为有效的 UTF-8）', 'malformed request URL (percent-escapes must encode valid UTF-8)');

/** fastify's frameworkErrors hook: malformed URLs (bad percent-encoding, over-long params) → 400 in our shape. */
export function frameworkErrors(err: FastifyError, _request: FastifyRequest, reply: FastifyReply): void {
  const tooLong = err.code === 'FST_ERR_MAX_PARAM_LENGTH';
  const body: ErrorBody = tooLong
    ? { error: 'not_found', message: bilingual('未找到：标识过长', 'not found: identifier too long') }
    : { error: 'bad_request', message: malformedUrl().message };
  reply
    .code(tooLong ? 404 : 400)
    .type('application/json; charset=utf-8')
    .send(body);
}

// What the HTTP parser or the server's timers refused, by Node's error code: status, reason, body.
// Node counts the request line and the headers together against its header size limit.
const HEADER_LIMIT_KB = Math.round(http.maxHeaderSize / 1024);
const CLIENT_ERRORS: Record<string, [number, string, ErrorBody]> = {
  HPE_HEADER_OVERFLOW: [
    431,
    'Request Header Fields Too Large',
    {
      error: 'headers_too_large',
      message: bilingual(
        `请求行或请求头过大（合计不超过 ${HEADER_LIMIT_KB} KB）`,
        `request line or headers too large (${HEADER_LIMIT_KB} KB at most in all)`,
      ),
    },
  ],
  ERR_HTTP_REQUEST_TIMEOUT: [
    408,
    'Request Timeout',
    {
      error: 'request_timeout',
      message: bilingual('请求超时：未能在时限内收到完整的请求', 'request timeout: the request took too long to arrive'),
    },
  ],
  HPE_CHUNK_EXTENSIONS_OVERFLOW: [
    413,
    'Payload Too Large',
    { error: 'payload_too_large', message: bilingual('请求体分块扩展过大', 'chunk extensions too large') },
  ],
};
const MALFORMED_REQUEST: [number, string, ErrorBody] = [
  400,
  'Bad Request',
  {
    error: 'bad_request',
    message: bilingual('请求格式无效（地址中的中文等字符须经百分号编码）', 'malformed HTTP request (non-ASCII characters in the URL must be percent-encoded)'),
  },
];

/** A client that never closes its end after the error answer is cut off after this long. */
const CLOSE_GRACE_MS = 5_000;

/**
 * fastify's clientErrorHandler: requests the HTTP parser itself refuses (raw non-ASCII bytes in the
 * URL, broken or over-long headers) or that the server's header/request timeout cut off never reach a
 * route; answer them in our shape too, then close the socket.
 */
export function clientErrorHandler(err: Error & { code?: string }, socket: import('node:net').Socket): void {
  if (err.code === 'ECONNRESET' || socket.destroyed) return;
  // A response already under way on this connection (a slow body of a request being answered): nothing
  // more may be written on it.
  const inFlight = (socket as { _httpMessage?: { headersSent?: boolean } })._httpMessage;
  if (!socket.writable || inFlight?.headersSent) {
    socket.destroy();
    return;
  }
  const [status, reason, answer] = CLIENT_ERRORS[err.code ?? ''] ?? MALFORMED_REQUEST;
  const body = JSON.stringify(answer);
  // end(), not destroy(): closing with the client's unread bytes pending could reset the connection
  // before the client has read the answer.
  socket.end(
    `HTTP/1.1 ${status} ${reason}\r\n` +
      `Content-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
  setTimeout(() => socket.destroy(), CLOSE_GRACE_MS).unref();
}
