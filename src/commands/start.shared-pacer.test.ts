// R20: two destinations delivering to one Intercom workspace share its rate limit, so together they stay under it.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { useSimulator } from '../../sim/intercom/test-support/harness.js';
import { startFerry } from './start.js';
import { ADMIN_TOKEN, send, tempDir, unfinishedJobs, waitFor, WRITE_KEY } from './test-support/ferry.js';

// Three requests per 10-second window (aligned to the clock, like Intercom's).
const sim = useSimulator({ rateLimit: { limit: 3, windowSeconds: 10 } });
let ferry: Awaited<ReturnType<typeof startFerry>> | undefined;
afterEach(async () => {
  await ferry?.stop();
  ferry = undefined;
});

/** Two destinations with the same token and host: each identifies the people whose trait `to` names it. */
function twoDestinationsOneWorkspace(dir: string): string {
  const destination = (id: string) => [
    `  - id: ${id}`,
    '    type: intercom',
    '    settings:',
    '      accessToken: sim_token',
    `      endpoint: ${sim.url}`,
    '    mappings:',
    `      - { name: identify, action: identifyContact, trigger: 'type = "identify" and traits.to = "${id}"' }`,
  ];
  const file = join(dir, 'ferry.config.yaml');
  writeFileSync(file, ['sources:', '  - id: web', `    writeKey: ${WRITE_KEY}`, 'destinations:', ...destination('a'), ...destination('b')].join('\n'));
  return file;
}

it('R20: a second destination of the same workspace waits for the window the first one used up, with no 429', async () => {
  const dir = tempDir();
  ferry = await startFerry({
    config: twoDestinationsOneWorkspace(dir), port: 0, host: '127.0.0.1', dataDir: join(dir, 'data'), simPort: 0, quiet: true,
    adminToken: ADMIN_TOKEN, worker: { idlePollMs: 50 },
  });
  const identify = (userId: string, to: string) => send(ferry!.url, '/v1/identify', { userId, traits: { email: `${userId}@example.com`, to } });
  for (const user of ['a1', 'a2', 'a3']) expect((await identify(user, 'a')).status).toBe(200);
  await waitFor(async () => (await sim.requests()).length === 3, 5_000, "a's three requests");
  // The window's budget is spent (unless it just turned over): b's pacer is a's, so b waits instead of drawing a 429.
  expect((await identify('b1', 'b')).status).toBe(200);
  await waitFor(async () => (await unfinishedJobs(ferry!.store)) === 0, 15_000, "b's delivery after the window");
  const requests = await sim.requests();
  expect(requests.map((r: any) => r.status)).toEqual([200, 200, 200, 200]);
  expect((await sim.state()).contacts.map((c: any) => c.external_id).sort()).toEqual(['a1', 'a2', 'a3', 'b1']);
});
