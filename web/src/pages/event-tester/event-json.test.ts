// The Event Tester's input: JSON mistakes located by line and column, non-objects refused, samples of each kind.
import { describe, expect, it } from 'vitest';
import { lineAndColumn, readEventJson, sampleEvent } from './event-json.js';

describe('readEventJson', () => {
  it('reads an object', () => {
    expect(readEventJson('{"type":"identify","userId":"u1"}')).toEqual({ ok: true, event: { type: 'identify', userId: 'u1' } });
  });

  it('says on which line and column the JSON goes wrong', () => {
    const text = '{\n  "type": "identify",\n  "userId": "u1",\n}';
    const read = readEventJson(text);
    expect(read).toMatchObject({ ok: false, line: 4, column: 1 });
    expect(read.ok === false && read.message).toBe('This is not valid JSON: a comma before } (JSON allows none), at line 4, column 1.');
    expect(readEventJson('{"type": "identify"')).toEqual({
      ok: false, line: 1, column: 20, message: 'This is not valid JSON: the text ends too early (expected , or }), at line 1, column 20.',
    });
    expect(readEventJson('{"a": tru}')).toMatchObject({ ok: false, line: 1, column: 10, message: expect.stringContaining('unexpected "}" (expected true)') });
    expect(readEventJson("{'a': 1}")).toMatchObject({ ok: false, line: 1, column: 2 });
    expect(readEventJson('{"a": "x\ny"}')).toMatchObject({ ok: false, column: 9, message: expect.stringContaining('line break') });
    expect(readEventJson('{"a": 1} x')).toMatchObject({ ok: false, column: 10, message: expect.stringContaining('after the end') });
  });

  it('refuses what is not an object, and an empty input, saying what to do', () => {
    expect(readEventJson('[1]')).toEqual({ ok: false, message: 'The event must be a JSON object ({ "type": "identify", ... }), not a list.' });
    expect(readEventJson('null')).toMatchObject({ ok: false, message: expect.stringContaining('not null') });
    expect(readEventJson('"x"')).toMatchObject({ ok: false, message: expect.stringContaining('not a string') });
    expect(readEventJson('  ')).toEqual({ ok: false, message: 'Paste an event, pick a recent one, or start from a sample.' });
  });

  it('finds line and column of an offset', () => {
    expect(lineAndColumn('ab\ncd', 0)).toEqual({ line: 1, column: 1 });
    expect(lineAndColumn('ab\ncd', 4)).toEqual({ line: 2, column: 2 });
  });
});

describe('sampleEvent', () => {
  it('makes an identify, a track and a group of the same user', () => {
    expect(sampleEvent('identify')).toMatchObject({ type: 'identify', userId: 'user-1', traits: { email: 'ada@example.com' } });
    expect(sampleEvent('track')).toMatchObject({ type: 'track', userId: 'user-1', event: 'Order Completed' });
    expect(sampleEvent('group')).toMatchObject({ type: 'group', userId: 'user-1', groupId: 'acme' });
  });
});

describe('findJsonError', () => {
  it('accepts what JSON.parse accepts', async () => {
    const { findJsonError } = await import('./json-error.js');
    for (const text of ['{}', '[]', ' {"a": [1, -2.5e3, true, false, null, "\\u00e9\\n"], "b": {}} ', '0', '"x"']) {
      expect(findJsonError(text), text).toBeUndefined();
    }
    for (const text of ['{"a":1,}', '[1,]', '01', '{"a" 1}', '[1 2]', '"\\x"', '-']) {
      expect(() => JSON.parse(text), text).toThrow();
      expect(findJsonError(text), text).toBeDefined();
    }
  });
});
