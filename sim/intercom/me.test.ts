// GET /me and authentication: the admin and app of the token's workspace, 401 for any other token.
import { describe, expect, it } from 'vitest';
import { expectedError, useSimulator } from './test-support/harness.js';

const sim = useSimulator();

describe('GET /me', () => {
  it('returns the admin with the workspace as its app', async () => {
    const res = await sim.api('GET', '/me');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      type: 'admin',
      email_verified: true,
      app: { type: 'app', id_code: 'sandbox1', name: 'Sandbox', region: 'US' },
    });
  });

  it('refuses a missing or unknown token with Intercom error envelope', async () => {
    for (const token of [null, 'nope']) {
      const res = await sim.api('GET', '/me', undefined, { token });
      expect(res.status).toBe(401);
      expect(res.body).toEqual(expectedError('unauthorized', 'Access Token Invalid'));
    }
  });
});
