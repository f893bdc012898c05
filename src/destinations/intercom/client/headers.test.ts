// Request headers of R19, response header flattening, and token redaction helpers.
import { describe, expect, it } from 'vitest';
import { flattenHeaders, headerValue, isHeaderSafe, requestHeaders } from './headers.js';
import { REDACTED, redactJson, redactText } from './redact.js';

describe('requestHeaders', () => {
  const settings = { accessToken: 'abc', apiVersion: '2.11', userAgent: 'ferry/1.2.3' };

  it('has exactly the R19 headers, Content-Type only with a body', () => {
    const base = {
      authorization: 'Bearer abc',
      'intercom-version': '2.11',
      accept: 'application/json',
      'user-agent': 'ferry/1.2.3',
    };
    expect(requestHeaders(settings, false)).toEqual(base);
    expect(requestHeaders(settings, true)).toEqual({ ...base, 'content-type': 'application/json' });
  });

  it('accepts only visible ASCII as a header value', () => {
    expect(isHeaderSafe('dG9rOjEyMw==_-.~')).toBe(true);
    for (const bad of ['', 'a b', 'a\r\nX-Evil: 1', 'tök']) expect(isHeaderSafe(bad)).toBe(false);
  });
});

describe('response headers', () => {
  it('flattens arrays, lower-cases names and drops undefined', () => {
    expect(flattenHeaders({ 'X-RateLimit-Limit': '167', 'set-cookie': ['a=1', 'b=2'], gone: undefined })).toEqual({
      'x-ratelimit-limit': '167',
      'set-cookie': 'a=1, b=2',
    });
  });

  it('finds a header whatever its case', () => {
    expect(headerValue({ 'Retry-After': '3' }, 'retry-after')).toBe('3');
    expect(headerValue({}, 'retry-after')).toBeUndefined();
  });
});

describe('redaction', () => {
  it('replaces every occurrence in text and JSON, keys included, without touching the input', () => {
    expect(redactText('a SECRET b SECRET', 'SECRET')).toBe(`a ${REDACTED} b ${REDACTED}`);
    const input = { note: 'xSECRETx', list: ['SECRET', 1, null], SECRET: { deep: 'SECRET' } };
    expect(redactJson(input, 'SECRET')).toEqual({
      note: `x${REDACTED}x`,
      list: [REDACTED, 1, null],
      [REDACTED]: { deep: REDACTED },
    });
    expect(input.note).toBe('xSECRETx');
    expect(redactText('unchanged', '')).toBe('unchanged');
  });
});
