// Intercom's error.list envelope, read leniently, and the error thrown when no HTTP answer arrived.
import { TransportError, type Exchange } from '../../kit/exchange.js';

export type { TransportErrorKind } from '../../kit/exchange.js';

export interface IntercomErrorItem {
  code: string;
  message: string;
  field?: string;
}

/** The items of an `{"type":"error.list","errors":[...]}` body; [] for anything else. */
export function intercomErrors(body: unknown): IntercomErrorItem[] {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return [];
  const envelope = body as { type?: unknown; errors?: unknown };
  // Some gateways answer `{"errors":[...]}` without the type; any other type is not an error envelope.
  if (envelope.type !== undefined && envelope.type !== 'error.list') return [];
  if (!Array.isArray(envelope.errors)) return [];
  const items: IntercomErrorItem[] = [];
  for (const raw of envelope.errors) {
    if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) continue;
    const entry = raw as { code?: unknown; message?: unknown; field?: unknown };
    const code = scalarText(entry.code);
    const message = scalarText(entry.message);
    if (code === '' && message === '') continue;
    const field = scalarText(entry.field);
    items.push(field === '' ? { code, message } : { code, message, field });
  }
  return items;
}

function scalarText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return '';
}

/** The kit's recorded exchange: Intercom's requests are recorded like any destination's. */
export type IntercomExchange = Exchange;

/** No HTTP answer from Intercom: the request timed out or the connection failed. The message never contains the token. */
export class IntercomTransportError extends TransportError {
  override readonly name = 'IntercomTransportError';
}
