// Turns a request body into JSON or the 400 to answer: decompression, size limits, nesting depth, forbidden keys.
import { inflateSync, gunzipSync } from 'node:zlib';
import { formatBytes, jsonDepth } from '../json-measure.js';
import { FerryError } from '../errors.js';
import { LIMITS } from './limits.js';

export type BodyKind = 'event' | 'batch';

export function maxBytesOf(kind: BodyKind): number {
  return kind === 'batch' ? LIMITS.batchBytes : LIMITS.eventBytes;
}

/** The 400 for a body over its limit; `bytes` is unknown when reading stopped early. */
export function tooLarge(kind: BodyKind, bytes?: number): FerryError {
  const limit = formatBytes(maxBytesOf(kind));
  const [code, what, per] =
    kind === 'batch' ? (['FERRY_ERR_BATCH_TOO_LARGE', 'the batch request', 'request'] as const) : (['FERRY_ERR_EVENT_TOO_LARGE', 'the event', 'event'] as const);
  const size = bytes === undefined ? `larger than ${limit}` : formatBytes(bytes);
  return new FerryError(code, `${what} is ${size}; at most ${limit} per ${per}`);
}

function invalid(message: string): FerryError {
  return new FerryError('FERRY_ERR_JSON_INVALID', message);
}

function decompress(raw: Buffer, encoding: string, kind: BodyKind): Buffer {
  const options = { maxOutputLength: maxBytesOf(kind) + 1 };
  try {
    if (encoding === 'gzip' || encoding === 'x-gzip') return gunzipSync(raw, options);
    if (encoding === 'deflate') return inflateSync(raw, options);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') throw tooLarge(kind);
    throw invalid(`the body is not valid ${encoding} data`);
  }
  throw invalid(`Content-Encoding ${encoding} is not supported (use gzip, deflate or none)`);
}

/** JSON.parse never pollutes, but later naive merges might: refuse the keys that prototype pollution needs. */
function refusePollution(this: unknown, key: string, value: unknown): unknown {
  if (key === '__proto__') throw invalid('the JSON contains the key "__proto__", which ferry refuses');
  if (key === 'constructor' && value !== null && typeof value === 'object' && Object.hasOwn(value, 'prototype')) {
    throw invalid('the JSON contains "constructor.prototype", which ferry refuses');
  }
  return value;
}

/** Whether `text` may spell a key refusePollution refuses: literally, or through a \u escape. */
function mayHidePollution(text: string): boolean {
  return text.includes('__proto__') || text.includes('constructor') || text.includes('\\u');
}

/** The parsed body of a tracking request, or throws the FerryError to answer (always a 400). */
export function decodeBody(raw: Buffer, contentEncoding: string | undefined, kind: BodyKind): unknown {
  const encoding = (contentEncoding ?? '').trim().toLowerCase();
  const bytes = encoding === '' || encoding === 'identity' ? raw : decompress(raw, encoding, kind);
  if (bytes.length > maxBytesOf(kind)) throw tooLarge(kind, bytes.length);
  const text = bytes.toString('utf8').replace(/^\uFEFF/, '');
  if (text.trim() === '') throw invalid('the body is empty; send a JSON object');
  if (jsonDepth(text, LIMITS.maxDepth) > LIMITS.maxDepth) {
    throw invalid(`the JSON is nested deeper than ${LIMITS.maxDepth} levels`);
  }
  try {
    // A reviver makes JSON.parse several times slower; without these spellings no refused key can be in the text.
    return mayHidePollution(text) ? JSON.parse(text, refusePollution) : JSON.parse(text);
  } catch (error) {
    if (error instanceof FerryError) throw error;
    throw invalid(`the body is not valid JSON: ${(error as Error).message}`);
  }
}
