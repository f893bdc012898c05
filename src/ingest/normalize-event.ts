// What Segment adds to every event it receives: a messageId when absent, receivedAt, and a clock-skew-corrected timestamp.
import { randomUUID } from 'node:crypto';
import { parseTimestamp } from './timestamps.js';

export type SegmentEvent = Record<string, unknown> & { type: string };

export const EVENT_TYPES = ['identify', 'track', 'page', 'screen', 'group', 'alias'] as const;

export type EventType = (typeof EVENT_TYPES)[number];

export function isEventType(value: unknown): value is EventType {
  return typeof value === 'string' && (EVENT_TYPES as readonly string[]).includes(value);
}

/**
 * Segment's rule, in epoch milliseconds: with both the client's time of the call and its time of sending,
 * `timestamp = receivedAt - (sentAt - clientTime)` (the client clock's skew cancels out); with only the client's time,
 * that time as given (a server-side import); with neither, receivedAt.
 */
export function correctTimestamp(clientMs: number | undefined, sentAtMs: number | undefined, receivedMs: number): number {
  if (clientMs === undefined) return receivedMs;
  if (sentAtMs === undefined) return clientMs;
  return receivedMs - (sentAtMs - clientMs);
}

/** R17: the person an event belongs to — its userId if present, else its anonymousId. */
export function personKeyOf(event: Record<string, unknown>): string {
  const id = (value: unknown) => (typeof value === 'string' && value !== '' ? value : undefined);
  return id(event.userId) ?? id(event.anonymousId) ?? '';
}

/** receivedAt as ISO text: the events of a request share it, so the last one is kept. */
let lastReceivedMs = Number.NaN;
let lastReceivedIso = '';
function receivedIso(receivedAt: Date): string {
  const ms = receivedAt.getTime();
  if (ms !== lastReceivedMs) {
    lastReceivedIso = receivedAt.toISOString();
    lastReceivedMs = ms;
  }
  return lastReceivedIso;
}

/**
 * A copy of `event` with messageId (generated when absent), receivedAt, timestamp (see correctTimestamp; the client's
 * `timestamp`, else its `originalTimestamp`, is the time of the call) and originalTimestamp (that client value, kept).
 * Total: a value that is not a date counts as absent. Dates come out as ISO-8601 strings in UTC.
 */
export function normalizeEvent(event: SegmentEvent, receivedAt: Date): SegmentEvent {
  const clientValue = event.timestamp ?? event.originalTimestamp ?? undefined;
  const timestamp = correctTimestamp(parseTimestamp(clientValue), parseTimestamp(event.sentAt), receivedAt.getTime());
  const normalized: SegmentEvent = {
    ...event,
    messageId: typeof event.messageId === 'string' && event.messageId !== '' ? event.messageId : `ferry-${randomUUID()}`,
    receivedAt: receivedIso(receivedAt),
    timestamp: new Date(timestamp).toISOString(),
  };
  if (clientValue === undefined) delete normalized.originalTimestamp;
  else normalized.originalTimestamp = clientValue;
  return normalized;
}
