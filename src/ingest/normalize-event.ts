// What Segment adds to every event it receives: a messageId when absent, receivedAt, and a timestamp.
import { randomUUID } from 'node:crypto';

export type SegmentEvent = Record<string, unknown> & { type: string };

export const EVENT_TYPES = ['identify', 'track', 'page', 'screen', 'group', 'alias'] as const;

/** A copy of `event` with messageId, receivedAt and timestamp filled in (the timestamp defaults to receivedAt). */
export function normalizeEvent(event: SegmentEvent, receivedAt: Date): SegmentEvent {
  const received = receivedAt.toISOString();
  return {
    ...event,
    messageId: typeof event.messageId === 'string' && event.messageId !== '' ? event.messageId : `ferry-${randomUUID()}`,
    receivedAt: received,
    timestamp: event.timestamp ?? received,
  };
}
