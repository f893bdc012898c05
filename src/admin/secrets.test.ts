// Secrets stay secret: tokens set by config, API and OAuth, deliveries and failures; then the database files, the logs,
// every admin API answer and /metrics are searched for every token and the client secret, in several encodings.
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startSimulator } from '../../sim/intercom/index.js';
import { ADMIN_TOKEN, tempDir, waitFor } from '../commands/test-support/ferry.js';
import { crawlAdminApi, type Answer } from './test-support/api-crawl.js';
import { startFerryProcess, type FerryProcess } from './test-support/ferry-process.js';
import { authorize, Browser } from './test-support/oauth-browser.js';

const secret = (label: string) => `${label}_${randomBytes(24).toString('base64url')}`;
const CONFIG_TOKEN = secret('cfgtoken');
const API_TOKEN = secret('apitoken');
const CLIENT = { clientId: 'ferry_secrets_client', clientSecret: secret('clientsecret') };
const WRITE_KEY = 'secrets-write-key';

let sim: Awaited<ReturnType<typeof startSimulator>>;
let ferry: FerryProcess | undefined;
const oauthTokens: string[] = [];
const answers: Answer[] = [];

beforeAll(async () => {
  sim = await startSimulator({ oauthClients: [CLIENT] });
  // The test learns the tokens OAuth hands out, to look for them afterwards.
  const issue = sim.state.issueToken.bind(sim.state);
  sim.state.issueToken = (workspace) => {
    const token = issue(workspace);
    oauthTokens.push(token);
    return token;
  };
});
afterAll(async () => {
  await ferry?.stop();
  await sim.close();
});

async function call(method: string, path: string, body?: unknown): Promise<{ status: number; json: any }> {
  const response = await fetch(`${ferry!.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${ADMIN_TOKEN}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  answers.push({ what: `${method} ${path}`, status: response.status, text });
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: response.status, json };
}

const simControl = async (method: string, path: string, body?: unknown) => {
  const response = await fetch(`${sim.url}/_sim${path}`, {
    method, headers: body === undefined ? {} : { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body),
  });
  expect(response.status, `simulator ${method} ${path}`).toBe(200);
  return (await response.json()) as any;
};
const contactsOf = async (workspace: string) =>
  (await simControl('GET', `/state?workspace=${workspace}`)).workspaces[0].contacts.map((c: any) => c.external_id as string);

async function track(body: Record<string, unknown>) {
  const response = await fetch(`${ferry!.url}/v1/${body.type as string}`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ writeKey: WRITE_KEY, ...body }),
  });
  expect(response.status).toBe(200);
}

async function metric(line: RegExp): Promise<number | undefined> {
  const text = await (await fetch(`${ferry!.url}/metrics`)).text();
  const match = text.split('\n').find((l) => line.test(l));
  return match === undefined ? undefined : Number(match.split(' ').pop());
}
const queueEmpty = async () => (await metric(/^ferry_queue_depth\{destination="intercom"\}/)) === 0;

/** The file bytes of the data dir (ferry.db, -wal, -shm, the key file ...), as latin1 text so any byte sequence matches. */
const dataFiles = (dir: string) =>
  readdirSync(dir).map((name) => ({ what: `file ${name}`, text: readFileSync(join(dir, name)).toString('latin1') }));

function encodings(value: string): string[] {
  const bytes = Buffer.from(value);
  return [value, bytes.toString('base64'), bytes.toString('base64url'), bytes.toString('hex'), encodeURIComponent(value)];
}

it('no token or client secret in the database, the logs, any admin API answer or /metrics', async () => {
  await simControl('POST', '/workspaces', { name: 'Config Co', id_code: 'cfg1', token: CONFIG_TOKEN });
  await simControl('POST', '/workspaces', { name: 'Api Co', id_code: 'api1', token: API_TOKEN });
  await simControl('POST', '/workspaces', { name: 'Secret EU Co', id_code: 'eu1', region: 'EU' });
  const dir = tempDir('ferry-secrets-');
  const dataDir = join(dir, 'data');
  const config = join(dir, 'ferry.config.yaml');
  writeFileSync(config, [
    'sources:', `  - { id: web, writeKey: ${WRITE_KEY} }`,
    'destinations:', '  - id: intercom', '    type: intercom', '    settings:',
    '      accessToken: ${FERRY_TEST_INTERCOM_TOKEN}', `      endpoint: ${sim.url}`,
    '      retry: { baseDelayMs: 20, maxDelayMs: 200, maxAgeSeconds: 120 }', '',
  ].join('\n'));
  const env: NodeJS.ProcessEnv = {
    ...process.env, CI: '1', FERRY_LOG_LEVEL: 'debug', FERRY_ADMIN_TOKEN: ADMIN_TOKEN, FERRY_TEST_INTERCOM_TOKEN: CONFIG_TOKEN,
    INTERCOM_CLIENT_ID: CLIENT.clientId, INTERCOM_CLIENT_SECRET: CLIENT.clientSecret,
  };
  delete env.FERRY_PUBLIC_URL;
  ferry = await startFerryProcess(['--seed-config', config, '--port', '0', '--data-dir', dataDir], env);

  // The config's token delivers.
  await track({ type: 'identify', userId: 'u-config', traits: { email: 'config@example.com' } });
  await waitFor(async () => (await contactsOf('cfg1')).includes('u-config'), 15_000, 'u-config in cfg1');

  // A token set through the admin API.
  const current = await call('GET', '/api/destinations/intercom');
  expect(current.status).toBe(200);
  const put = await call('PUT', '/api/destinations/intercom', destinationUpdate(current.json, API_TOKEN));
  expect(put.status).toBe(200);
  await track({ type: 'identify', userId: 'u-api', traits: { email: 'api@example.com' } });
  await waitFor(async () => (await contactsOf('api1')).includes('u-api'), 15_000, 'u-api in api1');

  // Failures: a 400 (rejected), then a 401 (the destination pauses, the event waits).
  await simControl('POST', '/faults', { status: 400, code: 'parameter_invalid', message: 'Email address is invalid', count: 1, method: 'POST', path: '/contacts' });
  await track({ type: 'identify', userId: 'u-rejected', traits: { email: 'bad@example.com' } });
  await waitFor(async () => (await metric(/^ferry_jobs_total\{.*outcome="rejected"/)) === 1 && (await queueEmpty()), 15_000, 'the rejection');
  await simControl('POST', '/faults', { status: 401, code: 'unauthorized', message: 'Access Token Invalid', count: 1 });
  await track({ type: 'identify', userId: 'u-waits', traits: { email: 'waits@example.com' } });
  await waitFor(async () => (await metric(/^ferry_destination_paused\{destination="intercom"\}/)) === 1, 15_000, 'the pause');

  // A token from OAuth: the EU workspace; the waiting event follows it there.
  const started = await call('POST', '/api/destinations/intercom/oauth/start');
  expect(started.status).toBe(200);
  const browser = new Browser();
  const connected = await browser.open(await authorize(browser, started.json.url, 'eu1'));
  // The callback sends the browser back into the web app: its address is checked like an answer.
  answers.push({ what: 'OAuth callback redirect', status: connected.status, text: `${connected.headers.get('location')}\n${connected.text}` });
  expect(connected.status).toBe(303);
  await waitFor(async () => (await contactsOf('eu1')).includes('u-waits'), 15_000, 'u-waits in eu1');
  await waitFor(queueEmpty, 15_000, 'an empty queue');
  expect(oauthTokens).toHaveLength(1);

  // The routes that talk to Intercom and answer with what was sent and received.
  expect((await call('POST', '/api/destinations/intercom/test-connection')).status).toBe(200);
  expect((await call('POST', '/api/destinations/intercom/event-tester', { event: { type: 'identify', userId: 'u-tester', traits: { email: 't@example.com' } } })).status).toBe(200);
  const crawled = await crawlAdminApi(ferry.url, (name, template) => {
    if (name === 'id' && template.startsWith('/api/destinations/{id}')) return ['intercom'];
    if (name === 'id' && template.startsWith('/api/sources/{id}')) return ['web'];
    return undefined;
  }, [
    '/api/destinations/intercom/deliveries?state=rejected', '/api/destinations/intercom/deliveries?state=delivered&limit=500',
    '/api/destinations/intercom/stats?bucket=hour',
  ]);
  answers.push(...crawled);
  for (const path of ['/metrics', '/healthz', '/readyz']) {
    const response = await fetch(`${ferry.url}${path}`);
    answers.push({ what: `GET ${path}`, status: response.status, text: await response.text() });
  }

  const whileRunning = dataFiles(dataDir).map((f) => ({ ...f, what: `${f.what} (running)` }));
  expect(await ferry.stop()).toBe(0);
  const haystacks = [
    ...whileRunning,
    ...dataFiles(dataDir).map((f) => ({ ...f, what: `${f.what} (stopped)` })),
    { what: 'logs', text: ferry.output() },
    ...answers.map((a) => ({ what: `${a.what} -> ${a.status}`, text: a.text })),
  ];
  const needles = [CONFIG_TOKEN, API_TOKEN, ...oauthTokens, CLIENT.clientSecret, ADMIN_TOKEN];
  const found = haystacks.flatMap((h) =>
    needles.filter((n) => encodings(n).some((e) => h.text.includes(e))).map((n) => `${h.what} contains ${n.slice(0, 12)}...`),
  );
  expect(found).toEqual([]);

  // The search looked at real content: the logs, the database and the API show what is not secret.
  const oauthToken = oauthTokens[0]!;
  expect(haystacks.find((h) => h.what === 'logs')!.text).toContain('connected to Intercom with OAuth');
  expect(whileRunning.some((f) => f.text.includes('Secret EU Co'))).toBe(true);
  expect(answers.some((a) => a.text.includes(`****${oauthToken.slice(-4)}`))).toBe(true);
  expect(crawled.filter((a) => a.status === 200).length).toBeGreaterThan(5);
}, 120_000);

/** The PUT body: the settings GET answered, with a new access token. */
function destinationUpdate(destination: any, accessToken: string) {
  return { settings: { ...destination.settings, accessToken } };
}
