// `ferry test-event` and `ferry validate` as a user runs them: the real CLI process against the simulator over HTTP.
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startSimulator } from '../../sim/intercom/server.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const EXAMPLES = join(ROOT, 'examples', 'events');
const dir = mkdtempSync(join(tmpdir(), 'ferry-test-event-'));
let sim: Awaited<ReturnType<typeof startSimulator>>;

function ferry(args: string[], stdin?: string, env: NodeJS.ProcessEnv = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', ...args], { cwd: ROOT, env: { ...process.env, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (c: string) => (stdout += c));
    child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    // ferry stops reading an oversize event early and exits; the rest of what is written then meets a closed pipe.
    child.stdin.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EPIPE') throw error;
    });
    child.stdin.end(stdin ?? '');
  });
}

function writeConfig(name: string, text: string): string {
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
}

const sandboxConfig = (mappings = '') =>
  writeConfig(
    'sandbox.yaml',
    `sources:\n  - id: web\n    writeKey: wk\ndestinations:\n  - id: intercom\n    type: intercom\n` +
      `    settings:\n      accessToken: sim_token\n      endpoint: ${sim.url}\n${mappings}`,
  );

beforeAll(async () => {
  sim = await startSimulator();
});
afterAll(async () => sim.close());
beforeEach(async () => {
  await fetch(`${sim.url}/_sim/reset`, { method: 'POST' });
});

describe('ferry test-event', () => {
  it('refuses a config whose endpoint is not Intercom without FERRY_ALLOW_CUSTOM_ENDPOINTS=1 (exit 2, nothing sent)', async () => {
    const config = sandboxConfig();
    for (const command of [['test-event', '--config', config, join(EXAMPLES, 'identify.json')], ['validate', config]]) {
      const result = await ferry(command, undefined, { FERRY_ALLOW_CUSTOM_ENDPOINTS: '' });
      expect(result.code).toBe(2);
      expect(result.stderr).toBe(
        `ferry: ${config}:9: destinations[0].settings.endpoint: is not Intercom's host for region "us" (https://api.intercom.io): ` +
          'the access token is sent only to Intercom, unless ferry is started with FERRY_ALLOW_CUSTOM_ENDPOINTS=1 (for the simulator or a proxy); ' +
          'leave endpoint out to deliver to Intercom\n',
      );
    }
    expect((await (await fetch(`${sim.url}/_sim/requests`)).json())).toMatchObject({ requests: [] });
  });

  it('runs an identify through the presets: one contact created, the other mappings filtered', async () => {
    const result = await ferry(['test-event', '--config', sandboxConfig(), join(EXAMPLES, 'identify.json')]);
    expect(result.code, result.stderr).toBe(0);
    const { outcomes } = JSON.parse(result.stdout);
    expect(outcomes.map((o: any) => [o.mapping, o.action, o.status])).toEqual([
      ['Identify Contact', 'identifyContact', 'delivered'],
      ['Identify Company', 'identifyCompany', 'filtered'],
      ['Track Event', 'trackEvent', 'filtered'],
    ]);
    const [request] = outcomes[0].requests;
    expect(request).toMatchObject({
      method: 'POST',
      url: `${sim.url}/contacts`,
      status: 200,
      body: {
        role: 'user', external_id: 'user-42', email: 'ada@example.com', name: 'Ada Lovelace',
        phone: '+44 20 7946 0000', signed_up_at: 1709285400, last_seen_at: 1795860000,
      },
      response: { type: 'contact', external_id: 'user-42', role: 'user' },
    });
    expect(outcomes[1].reason).toBe('the trigger does not match');
    expect(result.stdout).not.toContain('sim_token');
    expect(result.stdout.toLowerCase()).not.toContain('authorization');
  });

  it('reads the event from standard input and reports a track with its sanitized name and money metadata', async () => {
    await sim.app.inject({
      method: 'POST', url: '/contacts', headers: { authorization: 'Bearer sim_token' }, payload: { external_id: 'user-42' },
    });
    const track = JSON.stringify({ type: 'track', userId: 'user-42', event: 'Order.Completed$', properties: { revenue: 19.99 } });
    const result = await ferry(['test-event', '--config', sandboxConfig(), '-'], track);
    expect(result.code, result.stderr).toBe(0);
    const outcome = JSON.parse(result.stdout).outcomes[2];
    expect(outcome.status).toBe('delivered');
    expect(outcome.requests[0].body).toEqual({
      event_name: 'Order-Completed-', created_at: expect.any(Number), user_id: 'user-42',
      metadata: { price: { amount: 1999, currency: 'USD' } },
    });
    expect(outcome.requests[0].status).toBe(202);
  });

  it('reports a rejected delivery with Intercom\'s reason and still exits 0', async () => {
    const mappings = '    mappings:\n      - name: Only leads\n        action: identifyContact\n' +
      '        mapping:\n          role: lead\n          email: { "@path": "$.traits.email" }\n';
    const event = JSON.stringify({ type: 'identify', anonymousId: 'a1', traits: { email: 'not-an-email' } });
    const result = await ferry(['test-event', '--config', sandboxConfig(mappings), '-'], event);
    expect(result.code, result.stderr).toBe(0);
    const [outcome] = JSON.parse(result.stdout).outcomes;
    expect(outcome).toMatchObject({
      mapping: 'Only leads', status: 'rejected', requests: [],
      error: { code: 'FERRY_ERR_PAYLOAD_INVALID', field: 'email' },
    });
    expect(outcome.error.message).toBe('identifyContact: field \'email\' must be an email address, got "not-an-email"');
  });

  it('exits 2 naming the file when the event is not a Segment event', async () => {
    const result = await ferry(['test-event', '--config', sandboxConfig(), '-'], '{"type":"track"}');
    expect(result.code).toBe(2);
    expect(result.stderr).toBe('ferry: standard input: userId or anonymousId is required (a non-empty string)\n');
    const badJson = await ferry(['test-event', '--config', sandboxConfig(), join(dir, 'missing.json')]);
    expect(badJson.code).toBe(2);
    expect(badJson.stderr).toContain(`${join(dir, 'missing.json')}: cannot read it (ENOENT)`);
  });

  it('reads the event with the tracking API\'s checks: 32 KB, 64 levels, refused keys, its validation', async () => {
    const config = sandboxConfig();
    const nested = (levels: number) => `{"type":"page","userId":"u1","properties":{"a":${'['.repeat(levels)}1${']'.repeat(levels)}}}`;
    const cases: Array<[string, string]> = [
      [nested(63), 'the JSON is nested deeper than 64 levels'],
      ['{"type":"page","userId":"u1","traits":{"__proto__":{"admin":true}}}', 'the JSON contains the key "__proto__", which ferry refuses'],
      ['{"type":"page","userId":"u1","context":{"constructor":{"prototype":{}}}}', 'the JSON contains "constructor.prototype", which ferry refuses'],
      ['{"type":"track","userId":1e400,"event":"E"}', 'userId must be a string or a number (got Infinity, a number out of range)'],
      ['{"type":"identify","userId":"u1"', 'the body is not valid JSON: Expected \',\' or \'}\' after property value in JSON at position'],
      ['', 'the body is empty; send a JSON object'],
    ];
    for (const [event, message] of cases) {
      const result = await ferry(['test-event', '--config', config, '-'], event);
      expect(result.code, event.slice(0, 60)).toBe(2);
      // Messages are whole sentences, but V8 versions word the end of a JSON syntax error differently.
      expect(result.stderr.startsWith(`ferry: standard input: ${message}`), result.stderr).toBe(true);
    }
    // 62 levels inside properties: the event is 64 deep, as deep as the tracking API accepts; nothing matches a page.
    const deepest = await ferry(['test-event', '--config', config, '-'], nested(62));
    expect(deepest.code, deepest.stderr).toBe(0);
    expect(JSON.parse(deepest.stdout).outcomes.map((o: any) => o.status)).toEqual(['filtered', 'filtered', 'filtered']);
    expect(((await (await fetch(`${sim.url}/_sim/requests`)).json()) as any).requests).toEqual([]);
  });

  it('refuses an event file over 32 KB, reading no more than 32 KB and a byte of an endless one like /dev/zero', async () => {
    const config = sandboxConfig();
    const big = writeConfig('big.json', JSON.stringify({ type: 'page', userId: 'u1', properties: { blob: 'x'.repeat(32 * 1024) } }));
    for (const [file, name] of [[big, big], ['/dev/zero', '/dev/zero'], ['-', 'standard input']] as const) {
      const result = await ferry(['test-event', '--config', config, file], file === '-' ? 'x'.repeat(10 * 32 * 1024) : undefined);
      expect([result.code, result.stderr]).toEqual([2, `ferry: ${name}: the event is larger than 32 KB; at most 32 KB per event\n`]);
    }
  });

  it('exits 2 for an unknown destination', async () => {
    const result = await ferry(['test-event', '--config', sandboxConfig(), '--destination', 'nope', join(EXAMPLES, 'track.json')]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("no destination 'nope' (destinations: intercom)");
  });
});

describe('ferry validate', () => {
  const mapping = (i: number) => `      - name: M${i}\n        action: trackEvent\n`;

  it('accepts the examples', async () => {
    const result = await ferry(['validate', join(ROOT, 'examples', 'sandbox.config.yaml')]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('is valid (1 source(s); intercom-sandbox: 3 mappings)');
  });

  it('refuses a config file over 1 MB, reading no more than 1 MB and a byte of /dev/zero', async () => {
    const big = writeConfig('big.yaml', `# ${'x'.repeat(1024 * 1024)}\n`);
    for (const file of [big, '/dev/zero']) {
      const result = await ferry(['validate', file]);
      expect([result.code, result.stderr]).toEqual([2, `ferry: ${file}: the config file is larger than 1 MB, the most ferry reads\n`]);
    }
  });

  it('refuses the 51st mapping', async () => {
    const file = sandboxConfig(`    mappings:\n${Array.from({ length: 51 }, (_, i) => mapping(i)).join('')}`);
    const result = await ferry(['validate', file]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/destinations\[0\]\.mappings\[50\]: A destination holds at most 50 mappings; this one has 51/);
  });

  it('names the file, line and path of a bad trigger, action and directive', async () => {
    const cases: Array<[string, RegExp]> = [
      ['      - name: A\n        action: trackEvent\n        trigger: type = "track" and\n',
        /sandbox\.yaml:13: destinations\[0\]\.mappings\[0\]\.trigger: Mapping 'A': invalid trigger/],
      ['      - name: B\n        action: sendEmail\n', /sandbox\.yaml:12: destinations\[0\]\.mappings\[0\]\.action: Mapping 'B': unknown action 'sendEmail'/],
      ['      - name: C\n        action: trackEvent\n        mapping:\n          event_name: { "@if": { "then": 1 } }\n',
        /sandbox\.yaml:14: destinations\[0\]\.mappings\[0\]\.mapping\.event_name/],
      ['      - name: D\n        action: trackEvent\n        mapping:\n          colour: blue\n',
        /destinations\[0\]\.mappings\[0\]\.mapping\.colour: Mapping 'D': 'colour' is not a field of trackEvent/],
      [`      - name: E\n        action: trackEvent\n        trigger: ${Array.from({ length: 101 }, (_, i) => `event = "E${i}"`).join(' or ')}\n`,
        /sandbox\.yaml:13: destinations\[0\]\.mappings\[0\]\.trigger: Mapping 'E': the trigger has 101 conditions; at most 100 are allowed/],
      [`      - name: F\n        action: trackEvent\n        mapping:\n          metadata: { "@literal": "${'x'.repeat(64 * 1024)}" }\n`,
        /sandbox\.yaml:13: destinations\[0\]\.mappings\[0\]\.mapping: Mapping 'F': the mapping is 65,564 bytes as JSON; a mapping may be at most 64 KB/],
    ];
    for (const [mappings, expected] of cases) {
      const result = await ferry(['validate', sandboxConfig(`    mappings:\n${mappings}`)]);
      expect(result.code, mappings).toBe(2);
      expect(result.stderr).toMatch(expected);
    }
  });
});
