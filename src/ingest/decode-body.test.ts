// decodeBody: JSON or a clear 400 for any bytes — compression, limits, nesting depth and prototype-pollution keys.
import { deflateSync, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { decodeBody, tooLarge } from './decode-body.js';
import { FerryError } from '../errors.js';
import { jsonDepth } from '../json-measure.js';

function failure(run: () => unknown): { code: string; message: string; status: number } {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(FerryError);
    const { code, message, status } = error as FerryError;
    return { code, message, status };
  }
  throw new Error('expected an FerryError');
}

const json = (value: unknown) => Buffer.from(JSON.stringify(value));

describe('decodeBody', () => {
  it('parses JSON, with or without a byte order mark, gzip or deflate', () => {
    expect(decodeBody(json({ a: 1 }), undefined, 'event')).toEqual({ a: 1 });
    expect(decodeBody(Buffer.from('\uFEFF{"a":1}'), undefined, 'event')).toEqual({ a: 1 });
    expect(decodeBody(gzipSync(json({ a: 1 })), 'gzip', 'batch')).toEqual({ a: 1 });
    expect(decodeBody(deflateSync(json({ a: 1 })), 'Deflate', 'batch')).toEqual({ a: 1 });
    expect(decodeBody(json([1]), 'identity', 'event')).toEqual([1]);
  });

  it('refuses invalid JSON, an empty body and unknown encodings with FERRY_ERR_JSON_INVALID', () => {
    expect(failure(() => decodeBody(Buffer.from('{"a":'), undefined, 'event'))).toMatchObject({
      code: 'FERRY_ERR_JSON_INVALID',
      status: 400,
      message: expect.stringMatching(/^the body is not valid JSON: /),
    });
    expect(failure(() => decodeBody(Buffer.from('  \n'), undefined, 'event')).message).toBe('the body is empty; send a JSON object');
    expect(failure(() => decodeBody(Buffer.from('x'), 'gzip', 'event')).message).toBe('the body is not valid gzip data');
    expect(failure(() => decodeBody(Buffer.from('x'), 'br', 'event')).message).toBe(
      'Content-Encoding br is not supported (use gzip, deflate or none)',
    );
  });

  it('measures the limits on the decoded bytes: 32 KB per event, 500 KB per batch request', () => {
    const event = Buffer.from(JSON.stringify({ s: 'x'.repeat(32 * 1024) }));
    expect(failure(() => decodeBody(event, undefined, 'event'))).toEqual({
      code: 'FERRY_ERR_EVENT_TOO_LARGE',
      status: 400,
      message: `the event is ${event.length.toLocaleString('en-US')} bytes; at most 32 KB per event`,
    });
    const exact = Buffer.from(JSON.stringify({ s: 'x'.repeat(32 * 1024 - 8) }));
    expect(exact.length).toBe(32 * 1024);
    expect(decodeBody(exact, undefined, 'event')).toHaveProperty('s');
    const bomb = gzipSync(Buffer.from(JSON.stringify({ s: 'x'.repeat(600 * 1024) })));
    expect(failure(() => decodeBody(bomb, 'gzip', 'batch'))).toEqual({
      code: 'FERRY_ERR_BATCH_TOO_LARGE',
      status: 400,
      message: 'the batch request is larger than 500 KB; at most 500 KB per request',
    });
  });

  it('refuses JSON nested deeper than 64 levels before parsing it', () => {
    expect(decodeBody(Buffer.from('['.repeat(64) + ']'.repeat(64)), undefined, 'event')).toBeDefined();
    expect(failure(() => decodeBody(Buffer.from('['.repeat(65) + ']'.repeat(65)), undefined, 'event')).message).toBe(
      'the JSON is nested deeper than 64 levels',
    );
    expect(failure(() => decodeBody(Buffer.from('['.repeat(200_000)), undefined, 'batch')).code).toBe('FERRY_ERR_JSON_INVALID');
  });

  it('refuses the keys prototype pollution needs, wherever they are', () => {
    expect(failure(() => decodeBody(Buffer.from('{"a":{"__proto__":{"x":1}}}'), undefined, 'event')).message).toBe(
      'the JSON contains the key "__proto__", which ferry refuses',
    );
    expect(failure(() => decodeBody(Buffer.from('{"constructor":{"prototype":{"x":1}}}'), undefined, 'event')).message).toBe(
      'the JSON contains "constructor.prototype", which ferry refuses',
    );
    expect(decodeBody(Buffer.from('{"constructor":"Bob","prototype":1}'), undefined, 'event')).toEqual({ constructor: 'Bob', prototype: 1 });
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });
});

describe('tooLarge', () => {
  it('names the limit that was crossed', () => {
    expect(tooLarge('event').message).toBe('the event is larger than 32 KB; at most 32 KB per event');
    expect(tooLarge('batch', 600_000).message).toBe('the batch request is 600,000 bytes; at most 500 KB per request');
  });
});

describe('jsonDepth', () => {
  it('counts nesting outside strings only', () => {
    expect(jsonDepth('{"a":[{"b":1}]}')).toBe(3);
    expect(jsonDepth('{"a":"[[[{{{\\"]]]"}')).toBe(1);
    expect(jsonDepth('"\\\\"')).toBe(0);
    expect(jsonDepth('1')).toBe(0);
  });
});
