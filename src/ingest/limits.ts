// The tracking API's limits (Segment's: 32 KB per event, 500 KB and 2,500 events per batch request).
import { MAX_JSON_DEPTH } from '../json-measure.js';

const KB = 1024;

export const LIMITS = {
  /** A single-event request body, and each batch item serialized as JSON. */
  eventBytes: 32 * KB,
  /** A /v1/batch request body. */
  batchBytes: 500 * KB,
  batchEvents: 2500,
  /** Deeper JSON is refused before parsing, so no later recursion can overflow the stack. */
  maxDepth: MAX_JSON_DEPTH,
  /** Segment asks for messageIds under 100 characters; longer ones are refused rather than cut. */
  messageIdLength: 100,
  /** fastify's bodyLimit for /v1: larger than any accepted body so an oversize one gets our 400, not a bare 413. */
  readBytes: 1024 * KB,
} as const;
