// The access token never leaks: not into exchanges, bodies, headers returned, error messages, stacks or reasons.
import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { useSimulator } from '../../../../sim/intercom/test-support/harness.js';
import { classifyResponse, classifyTransportError } from './index.js';
import { closedPort, useClients } from './test-support/clients.js';

const SECRET = 'tok_Z9xQ4wSECRETr7Lm2';
const WRONG = 'tok_WRONGsecret_k3P8';
const sim = useSimulator({ workspaces: [{ name: 'Secretive', idCode: 'secret1', token: SECRET }] });
const open = useClients(sim, { accessToken: SECRET });

// Everything a caller, a log line or the Event Tester could print about a value.
const renderings = (value: unknown) => [
  JSON.stringify(value) ?? '',
  inspect(value, { depth: 20, showHidden: true, getters: true }),
  value instanceof Error ? `${value.message}\n${value.stack ?? ''}` : '',
];

describe('token secrecy', () => {
  it('finds neither token anywhere in what the client returns or throws', async () => {
    const seen: unknown[] = [];
    const client = open();
    seen.push(client);

    // The token echoed back by Intercom (a name, an unknown attribute, a path) is redacted too.
    for (const [method, path, body] of [
      ['GET', '/me', undefined],
      ['POST', '/contacts', { role: 'lead', name: `pasted ${SECRET} here` }],
      ['POST', '/contacts', { role: 'user', external_id: 'u1', custom_attributes: { [SECRET]: 'x' } }],
      ['POST', '/contacts', { role: 'user', email: 'dup@example.com' }],
      ['POST', '/contacts', { role: 'user', email: 'dup@example.com' }],
      ['GET', `/contacts/${SECRET}`, undefined],
    ] as const) {
      const response = await client.request(method, path, body);
      seen.push(response, classifyResponse(response));
    }
    await sim.faults({ status: 503 });
    const unavailable = await client.request('GET', '/me');
    seen.push(unavailable, classifyResponse(unavailable));

    const wrong = open({ accessToken: WRONG });
    const unauthorized = await wrong.request('GET', '/me');
    expect(unauthorized.status).toBe(401);
    seen.push(wrong, unauthorized, classifyResponse(unauthorized));

    await sim.faults({ latencyMs: 200 });
    const slow = open({ timeoutMs: 50 });
    const timeout = await slow.request('POST', '/contacts', { role: 'lead', name: SECRET }).catch((e: unknown) => e);
    seen.push(timeout, classifyTransportError(timeout as never));

    const refused = open({ endpoint: `http://127.0.0.1:${await closedPort()}`, accessToken: WRONG });
    const network = await refused.request('GET', `/me?t=${WRONG}`).catch((e: unknown) => e);
    seen.push(network, classifyTransportError(network as never));

    const text = seen.flatMap(renderings).join('\n');
    expect(text).toContain('[redacted]');
    expect(text).toContain('ECONNREFUSED');
    expect(text).toContain('did not answer within 50 ms');
    expect(text).not.toContain(SECRET);
    expect(text).not.toContain(WRONG);
    expect(text).not.toContain('Z9xQ4w');
  });
});
