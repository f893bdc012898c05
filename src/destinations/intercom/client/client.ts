// IntercomClient: one HTTP exchange with Intercom's REST API over a shared keep-alive pool (R19), token kept secret.
import { performance } from 'node:perf_hooks';
import type { Pool } from 'undici';
import { VERSION } from '../../../version.js';
import { IntercomTransportError, type IntercomExchange, type TransportErrorKind } from './errors.js';
import { flattenHeaders, isHeaderSafe, requestHeaders } from './headers.js';
import { acquirePool, releasePool } from './pools.js';
import { redactJson, redactText } from './redact.js';
import { INTERCOM_API_VERSION, baseUrlFor, splitBaseUrl, type Region } from './region.js';

export interface IntercomClientOptions {
  accessToken: string;
  region?: Region;
  endpoint?: string;
  /** Default '2.11'. */
  apiVersion?: string;
  /** Whole request, headers and body, in milliseconds. Default 10 000. */
  timeoutMs?: number;
  /** Default `ferry/<version>`. */
  userAgent?: string;
}

export interface IntercomResponse {
  status: number;
  headers: Record<string, string>;
  /** Parsed JSON, undefined for an empty body (202), or the text when it is not JSON. */
  body: unknown;
  exchange: IntercomExchange;
}

export type IntercomMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

export const DEFAULT_TIMEOUT_MS = 10_000;

const TIMEOUT_CODES = new Set(['UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT']);

export class IntercomClient {
  readonly baseUrl: string;
  readonly timeoutMs: number;
  readonly #token: string;
  readonly #headers: { withBody: Record<string, string>; withoutBody: Record<string, string> };
  readonly #origin: string;
  readonly #pathPrefix: string;
  #pool: Pool | undefined;

  constructor(options: IntercomClientOptions) {
    // Checked here so a bad token fails loudly once, and never reaches an error message.
    if (typeof options.accessToken !== 'string' || !isHeaderSafe(options.accessToken)) {
      throw new TypeError('Intercom accessToken must be a non-empty string without spaces or control characters');
    }
    const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    if (!Number.isFinite(timeoutMs) || timeoutMs <= 0) throw new TypeError('timeoutMs must be a positive number');
    this.baseUrl = baseUrlFor(options);
    const { origin, pathPrefix } = splitBaseUrl(this.baseUrl);
    const settings = {
      accessToken: options.accessToken,
      apiVersion: options.apiVersion ?? INTERCOM_API_VERSION,
      userAgent: options.userAgent ?? `ferry/${VERSION}`,
    };
    this.#headers = { withBody: requestHeaders(settings, true), withoutBody: requestHeaders(settings, false) };
    this.#token = options.accessToken;
    this.#origin = origin;
    this.#pathPrefix = pathPrefix;
    this.timeoutMs = timeoutMs;
    this.#pool = acquirePool(origin);
  }

  /** Never throws for an HTTP status; throws IntercomTransportError for network errors and timeouts. */
  async request(method: IntercomMethod, path: string, body?: unknown): Promise<IntercomResponse> {
    if (!path.startsWith('/')) {
      throw new TypeError(`Intercom request path must start with '/': ${redactText(path, this.#token)}`);
    }
    const requestText = body === undefined ? undefined : JSON.stringify(body);
    const url = redactText(this.baseUrl + path, this.#token);
    // The exchange records what went on the wire (JSON.parse of the text sent), not the caller's mutable object.
    const sent = requestText === undefined ? undefined : this.#redact(requestText);
    const started = performance.now();
    const elapsed = () => Math.round(performance.now() - started);
    const pool = this.#pool;
    if (pool === undefined) {
      throw new IntercomTransportError('network', `Intercom client is closed (${method} ${url})`, { method, url, body: sent, durationMs: 0 });
    }

    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, this.timeoutMs);
    let status: number;
    let rawHeaders: Record<string, string | string[] | undefined>;
    let responseText: string;
    try {
      const answer = await pool.request({
        path: this.#pathPrefix + path,
        method,
        headers: requestText === undefined ? this.#headers.withoutBody : this.#headers.withBody,
        body: requestText,
        signal: controller.signal,
      });
      status = answer.statusCode;
      rawHeaders = answer.headers;
      responseText = await answer.body.text();
    } catch (error) {
      const exchange = { method, url, body: sent, durationMs: elapsed() };
      throw this.#transportError(error, timedOut, exchange);
    } finally {
      clearTimeout(timer);
    }

    const headers = flattenHeaders(rawHeaders);
    const parsed = responseText === '' ? undefined : this.#redact(responseText);
    const exchange: IntercomExchange = { method, url, body: sent, status, response: parsed, durationMs: elapsed() };
    return { status, headers, body: parsed, exchange };
  }

  /** Releases this client's share of the pool; requests already in flight finish first. */
  async close(): Promise<void> {
    const pool = this.#pool;
    if (pool === undefined) return;
    this.#pool = undefined;
    await releasePool(this.#origin, pool);
  }

  // JSON when it parses, the text otherwise; either way without the token.
  #redact(text: string): unknown {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      return redactText(text, this.#token);
    }
    return text.includes(this.#token) ? redactJson(value, this.#token) : value;
  }

  #transportError(
    error: unknown,
    timedOut: boolean,
    exchange: Omit<IntercomExchange, 'status' | 'response'>,
  ): IntercomTransportError {
    const code = errorCode(error);
    const where = `${exchange.method} ${exchange.url}`;
    const kind: TransportErrorKind = timedOut || (code !== undefined && TIMEOUT_CODES.has(code)) ? 'timeout' : 'network';
    if (kind === 'timeout') {
      return new IntercomTransportError(kind, `Intercom did not answer within ${this.timeoutMs} ms (${where})`, exchange, code);
    }
    const cause = error instanceof Error ? error.message : String(error);
    const detail = code !== undefined && !cause.includes(code) ? `${code} ${cause}` : cause;
    return new IntercomTransportError(kind, redactText(`Intercom request failed: ${detail} (${where})`, this.#token), exchange, code);
  }
}

function errorCode(error: unknown): string | undefined {
  if (error === null || typeof error !== 'object') return undefined;
  const { code, cause } = error as { code?: unknown; cause?: unknown };
  if (typeof code === 'string') return code;
  return cause === undefined ? undefined : errorCode(cause);
}
