// Sorts every Intercom answer into R18's outcomes: ok, retry (with a delay hint), reject, or auth failure.
import { STATUS_CODES } from 'node:http';
import { intercomErrors, type IntercomTransportError } from './errors.js';
import { retryDelayMs } from './retry-delay.js';

export type Classification =
  | { kind: 'ok' }
  | { kind: 'retry'; reason: string; delayMs?: number }
  | { kind: 'reject'; reason: string; code?: string; status: number }
  | { kind: 'auth'; reason: string; status: 401 | 403 };

export interface ClassifiableResponse {
  status: number;
  headers: Record<string, string>;
  body: unknown;
}

const RETRY_STATUSES = new Set([408, 423, 429]);
const MAX_TEXT_IN_REASON = 120;

export function isRetryableStatus(status: number): boolean {
  return RETRY_STATUSES.has(status) || (status >= 500 && status <= 599 && status !== 501);
}

export function classifyResponse(response: ClassifiableResponse, nowMs: number = Date.now()): Classification {
  const { status } = response;
  if (status >= 200 && status <= 299) return { kind: 'ok' };
  const first = intercomErrors(response.body)[0];
  const detail = first === undefined ? undefined : first.code === '' ? first.message : `${first.code}: ${first.message}`;
  if (status === 401 || status === 403) return { kind: 'auth', reason: detail ?? statusLine(status), status };
  if (isRetryableStatus(status)) {
    const reason = `${status} ${detail ?? statusText(status)}`;
    const delayMs = retryDelayMs(status, response.headers, nowMs);
    return delayMs === undefined ? { kind: 'retry', reason } : { kind: 'retry', reason, delayMs };
  }
  if (first !== undefined && detail !== undefined) {
    return first.code === '' ? { kind: 'reject', reason: detail, status } : { kind: 'reject', reason: detail, code: first.code, status };
  }
  return { kind: 'reject', reason: withText(statusLine(status), response.body), status };
}

/** A timeout or a failed connection never reached a decision at Intercom: always worth another try. */
export function classifyTransportError(error: IntercomTransportError): Classification {
  return { kind: 'retry', reason: error.message };
}

function statusText(status: number): string {
  return STATUS_CODES[status] ?? 'Unknown Status';
}

function statusLine(status: number): string {
  return `HTTP ${status} ${statusText(status)}`;
}

// A plain-text answer (a proxy's page, a wrong endpoint) says more than the status alone.
function withText(line: string, body: unknown): string {
  if (typeof body !== 'string') return line;
  const text = body.replace(/\s+/g, ' ').trim();
  if (text === '') return line;
  return `${line}: ${text.length > MAX_TEXT_IN_REASON ? `${text.slice(0, MAX_TEXT_IN_REASON)}…` : text}`;
}
