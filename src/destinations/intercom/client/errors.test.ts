// intercomErrors on Intercom's envelope and on the odd bodies a proxy or a bug can produce.
import { describe, expect, it } from 'vitest';
import { IntercomTransportError, intercomErrors } from './errors.js';

describe('intercomErrors', () => {
  it('reads the error.list envelope, field included', () => {
    expect(
      intercomErrors({
        type: 'error.list',
        request_id: 'abc',
        errors: [
          { code: 'parameter_invalid', message: 'bad email', field: 'email' },
          { code: 'conflict', message: 'A contact matching those details already exists with id=1' },
        ],
      }),
    ).toEqual([
      { code: 'parameter_invalid', message: 'bad email', field: 'email' },
      { code: 'conflict', message: 'A contact matching those details already exists with id=1' },
    ]);
  });

  it.each([
    ['undefined', undefined],
    ['null', null],
    ['a string', 'Bad Gateway'],
    ['a number', 502],
    ['an array', [{ code: 'x', message: 'y' }]],
    ['a contact', { type: 'contact', id: '1' }],
    ['another type with errors', { type: 'list', errors: [{ code: 'x', message: 'y' }] }],
    ['errors not an array', { type: 'error.list', errors: { code: 'x' } }],
    ['errors empty', { type: 'error.list', errors: [] }],
  ])('answers [] for %s', (_name, body) => {
    expect(intercomErrors(body)).toEqual([]);
  });

  it('keeps what it can from odd items', () => {
    expect(
      intercomErrors({
        errors: [
          null,
          'text',
          [],
          {},
          { code: 42, message: { nested: true } },
          { message: 'only a message', field: 7 },
          { code: 'only_code', field: null },
        ],
      }),
    ).toEqual([
      { code: '42', message: '' },
      { code: '', message: 'only a message', field: '7' },
      { code: 'only_code', message: '' },
    ]);
  });
});

describe('IntercomTransportError', () => {
  it('is an Error with its kind, exchange and cause code', () => {
    const exchange = { method: 'GET', url: 'https://api.intercom.io/me', durationMs: 3 };
    const error = new IntercomTransportError('network', 'failed', exchange, 'ECONNRESET');
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('IntercomTransportError');
    expect({ kind: error.kind, exchange: error.exchange, causeCode: error.causeCode }).toEqual({
      kind: 'network',
      exchange,
      causeCode: 'ECONNRESET',
    });
  });
});
