// The tracking API's limits (Segment's: 32 KB per event, 500 KB and 2,500 events per batch request) and their checks.

const KB = 1024;

export const LIMITS = {
  /** A single-event request body, and each batch item serialized as JSON. */
  eventBytes: 32 * KB,
  /** A /v1/batch request body. */
  batchBytes: 500 * KB,
  batchEvents: 2500,
  /** Deeper JSON is refused before parsing, so no later recursion can overflow the stack. */
  maxDepth: 64,
  /** Segment asks for messageIds under 100 characters; longer ones are refused rather than cut. */
  messageIdLength: 100,
  /** fastify's bodyLimit for /v1: larger than any accepted body so an oversize one gets our 400, not a bare 413. */
  readBytes: 1024 * KB,
} as const;

export function formatBytes(bytes: number): string {
  return bytes % KB === 0 ? `${bytes / KB} KB` : `${bytes.toLocaleString('en-US')} bytes`;
}

/** The deepest nesting of objects/arrays in JSON text, counted without parsing (strings skipped), stopping past `stopAt`. */
export function jsonDepth(text: string, stopAt = Infinity): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92 /* \ */) i++;
      else if (c === 34 /* " */) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 123 /* { */ || c === 91 /* [ */) {
      depth++;
      if (depth > max) {
        max = depth;
        if (max > stopAt) return max;
      }
    } else if (c === 125 /* } */ || c === 93 /* ] */) depth--;
  }
  return max;
}

/** Bytes of `value` serialized as compact JSON (how a batch item's size is measured). */
export function jsonBytes(value: unknown): number {
  return Buffer.byteLength(JSON.stringify(value) ?? '', 'utf8');
}
