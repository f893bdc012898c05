// One event given as JSON bytes, read with every check of the tracking API: for the testers and `ferry test-event`.
import { decodeBody } from './decode-body.js';
import type { SegmentEvent } from './normalize-event.js';
import { prepareEvent } from './prepare.js';

/**
 * What POST /v1/<type> would store for `raw` as the body of a call whose type the event names itself: the same
 * size limit, nesting depth, refused keys, validation and normalization. Throws the FerryError the tracking API
 * would answer; `at` prefixes the paths of validation problems (`event.userId`).
 */
export function readEvent(raw: Buffer, receivedAt: Date, at?: string): SegmentEvent {
  return prepareEvent(decodeBody(raw, undefined, 'event'), undefined, receivedAt, at).event;
}
