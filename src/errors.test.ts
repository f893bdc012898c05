// One list of error codes: the code's and docs/architecture.md's are the same, and the APIs answer what they say.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ERROR_CODES, FerryError } from './errors.js';

const docs = readFileSync(fileURLToPath(new URL('../docs/architecture.md', import.meta.url)), 'utf8');

describe('error codes', () => {
  it('are listed in docs/architecture.md with the meaning the code gives them, and no other code is', () => {
    const listed = [...docs.matchAll(/^\| `(FERRY_ERR_[A-Z_]+)` \| (.+) \|$/gm)].map((m) => [m[1], m[2]]);
    expect(Object.fromEntries(listed)).toEqual(ERROR_CODES);
  });

  it('answer code, message and where, never a batch\'s rejected items inside the error', () => {
    const error = new FerryError('FERRY_ERR_BATCH_INVALID', 'no event was valid', {
      path: 'batch', rejected: [{ index: 0, code: 'FERRY_ERR_EVENT_INVALID', message: 'userId or anonymousId is required' }],
    });
    expect(error.toJSON()).toEqual({ code: 'FERRY_ERR_BATCH_INVALID', message: 'no event was valid', path: 'batch' });
    expect(error.status).toBe(400);
    expect(FerryError.of({ code: 'FERRY_ERR_EVENT_INVALID', message: 'x', path: 'userId' }, 422).toJSON()).toEqual({
      code: 'FERRY_ERR_EVENT_INVALID', message: 'x', path: 'userId',
    });
  });
});
