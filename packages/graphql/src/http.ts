import type http from 'node:http';
import type { Lang } from '@sosms/core';
import { languageOf } from './context.ts';
import { httpErrorMessage, type HttpErrorCode } from './errors.ts';

/**
 * HTTP plumbing of the gateway, independent of GraphQL: request language, body reading (or a body a
 * framework already parsed), CORS, JSON answers and client errors with their GraphQL-over-HTTP status.
 */

/** A request as a framework may hand it over: Express and Fastify keep the original URL and may have parsed the body. */
export type GatewayRequest = http.IncomingMessage & { body?: unknown; originalUrl?: string; _body?: boolean };

/** Headers sent with every answer: the API is public and tokens travel in `Authorization`, never in cookies. */
export const CORS_HEADERS = {
  'access-control-allow-origin': '*',
  'access-control-allow-methods': 'GET, POST, OPTIONS',
  'access-control-allow-headers': 'Authorization, Content-Type, Accept, Accept-Language, If-None-Match, X-Request-Id',
  'access-control-expose-headers': 'ETag, Retry-After, X-Request-Id',
  'access-control-max-age': '86400',
} as const;

/**
 * The language of the answer: `?lang=en` or `?lang=fr` first, then `Accept-Language`, French by default.
 *
 * ### Examples
 * ```ts
 * requestLanguage(new URL('http://x/graphql?lang=en'), undefined); // 'en'
 * ```
 */
export function requestLanguage(url: URL, acceptLanguage: string | undefined): Lang {
  const param = url.searchParams.get('lang');
  if (param === 'en' || param === 'fr') return param;
  return languageOf(acceptLanguage);
}

/** Write a JSON answer (unless the answer already started). */
export function sendJson(res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  if (res.headersSent) {
    res.end();
    return;
  }
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
  res.end(JSON.stringify(body));
}

/** A client or availability error answered before GraphQL runs: its status, code, message and extra headers. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: HttpErrorCode,
    readonly params: Record<string, string | number> = {},
    readonly headers: Record<string, string> = {},
  ) {
    super(code);
  }
}

/**
 * Answer an {@link HttpError} as GraphQL-over-HTTP does: `{ errors: [{ message, extensions: { code } }] }`
 * with the error's status, the message in the request language.
 */
export function sendHttpError(res: http.ServerResponse, error: HttpError, lang: Lang): void {
  const extensions: Record<string, unknown> = { code: error.code, ...error.params };
  sendJson(res, error.status, { errors: [{ message: httpErrorMessage(error.code, lang, error.params), extensions }] }, error.headers);
}

/**
 * The body of a POST: the one a framework already parsed (`express.json()`, Fastify) when the stream has
 * been read, else read here up to `maxBytes`. A `Content-Length` above the limit is refused before reading;
 * a body that grows past it stops the reading. Throws {@link HttpError} 413; the connection is then closed
 * (`Connection: close`) so that the unread rest of the body cannot stall the next request on it.
 */
export async function readRequestBody(req: GatewayRequest, maxBytes: number): Promise<{ parsed: unknown } | { text: string }> {
  if (req.body !== undefined && (req.readableEnded || req._body === true)) return { parsed: req.body };
  const declared = Number(req.headers['content-length'] ?? NaN);
  const tooLarge = () => new HttpError(413, 'BODY_TOO_LARGE', { limit: maxBytes }, { connection: 'close' });
  if (Number.isFinite(declared) && declared > maxBytes) throw tooLarge();
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > maxBytes) throw tooLarge();
    chunks.push(chunk as Buffer);
  }
  return { text: Buffer.concat(chunks).toString('utf8') };
}

/** The media type of a `Content-Type` header, lower-cased, without parameters. */
export function mediaType(header: string | undefined): string {
  return (header ?? '').split(';')[0]!.trim().toLowerCase();
}

/** The client's address for rate limits: the socket's (a proxy in front sets `trustProxy` to use `X-Forwarded-For`). */
export function clientAddress(req: http.IncomingMessage, trustProxy: boolean): string {
  if (trustProxy) {
    const forwarded = req.headers['x-forwarded-for'];
    const first = (Array.isArray(forwarded) ? forwarded[0] : forwarded)?.split(',')[0]?.trim();
    if (first) return first.slice(0, 64);
  }
  return req.socket.remoteAddress ?? 'unknown';
}
