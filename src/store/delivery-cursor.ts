// The delivery log's page cursor: opaque to API clients, it names the last job shown (queued time and id).

export interface DeliveryCursor {
  /** created_at of the last job shown, unix ms. */
  at: number;
  id: number;
}

export const MAX_DELIVERY_PAGE = 500;
export const DEFAULT_DELIVERY_PAGE = 50;

export function encodeDeliveryCursor(cursor: DeliveryCursor): string {
  return Buffer.from(`${cursor.at}.${cursor.id}`, 'utf8').toString('base64url');
}

/** undefined when `text` is not a cursor this store made. */
export function decodeDeliveryCursor(text: string): DeliveryCursor | undefined {
  if (!/^[A-Za-z0-9_-]{1,40}$/.test(text)) return undefined;
  const match = /^(-?\d{1,16})\.(\d{1,16})$/.exec(Buffer.from(text, 'base64url').toString('utf8'));
  if (!match) return undefined;
  const cursor = { at: Number(match[1]), id: Number(match[2]) };
  return Number.isSafeInteger(cursor.at) && Number.isSafeInteger(cursor.id) ? cursor : undefined;
}

/** The page size asked for, within 1..MAX_DELIVERY_PAGE. */
export const pageSize = (limit: number | undefined) =>
  Math.min(MAX_DELIVERY_PAGE, Math.max(1, Math.trunc(limit ?? DEFAULT_DELIVERY_PAGE)));
