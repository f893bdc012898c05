// Keeps an attempt's exchanges under a size cap: long bodies are cut with a marker, then whole exchanges.
import type { HttpExchange } from './types.js';

export const MAX_REQUESTS_BYTES = 16 * 1024;

/** Cut bodies become `"<start>… [truncated: N characters]"`; their start stays readable in the delivery view. */
export const TRUNCATED_MARKER = '… [truncated: ';

const bytes = (text: string) => Buffer.byteLength(text, 'utf8');

/** JSON text of `requests`, at most `maxBytes` long. */
export function capRequests(requests: readonly HttpExchange[], maxBytes = MAX_REQUESTS_BYTES): string {
  const whole = JSON.stringify(requests);
  if (bytes(whole) <= maxBytes) return whole;
  // Response bodies go first (usually the largest and least needed), then request bodies, ever shorter.
  for (const limit of [4096, 1024, 256, 64]) {
    const responsesCut = JSON.stringify(requests.map((x) => ({ ...x, response: cut(x.response, limit) })));
    if (bytes(responsesCut) <= maxBytes) return responsesCut;
  }
  for (const limit of [4096, 1024, 256, 64, 0]) {
    const bothCut = requests.map((x) => withBody({ ...x, response: cut(x.response, 64) }, x.body, limit));
    const text = JSON.stringify(bothCut);
    if (bytes(text) <= maxBytes) return text;
  }
  return keepFirst(requests.map((x) => withBody({ ...x, response: cut(x.response, 0) }, x.body, 0)), maxBytes);
}

function withBody(exchange: HttpExchange, body: unknown, limit: number): HttpExchange {
  return body === undefined ? exchange : { ...exchange, body: cut(body, limit) };
}

/** The value itself when its JSON fits in `limit` characters, else the start of that JSON with the marker. */
function cut(value: unknown, limit: number): unknown {
  if (value === undefined) return undefined;
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  if (text === undefined || text.length <= limit) return value;
  return `${text.slice(0, limit)}${TRUNCATED_MARKER}${text.length} characters]`;
}

/** As many exchanges as fit, then a stand-in saying how many were left out. */
function keepFirst(exchanges: HttpExchange[], maxBytes: number): string {
  const kept: HttpExchange[] = [];
  for (let i = 0; i < exchanges.length; i += 1) {
    const omitted = leftOut(exchanges.length - i - 1, maxBytes);
    const next = [...kept, exchanges[i]!];
    if (bytes(JSON.stringify([...next, omitted])) > maxBytes) {
      return JSON.stringify([...kept, leftOut(exchanges.length - i, maxBytes)]);
    }
    kept.push(exchanges[i]!);
  }
  return JSON.stringify(kept);
}

function leftOut(count: number, maxBytes: number): HttpExchange {
  const url = `[${count} more requests left out: over ${maxBytes} bytes]`;
  return { method: '', url, status: 0, response: null, durationMs: 0 };
}
