// Measures the Intercom simulator's throughput: a keep-alive load (autocannon) against `ferry sim` in its own process.
import autocannon from 'autocannon';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const durationSeconds = Number(process.env.BENCH_SECONDS ?? 5);
const token = 'bench_token';

async function startSim(): Promise<{ url: string; stop: () => void }> {
  const child = spawn(
    process.execPath,
    ['dist/ferry.mjs', 'sim', '--port', '0', '--token', token, '--rate-limit', '1000000000'],
    { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const url = await new Promise<string>((resolve, reject) => {
    let seen = '';
    child.stdout.on('data', (chunk: Buffer) => {
      seen += chunk.toString();
      const match = /listening on (http:\/\/\S+)/.exec(seen);
      if (match) resolve(match[1]!);
    });
    child.once('exit', (code) => reject(new Error(`simulator exited early (${code})`)));
  });
  return { url, stop: () => child.kill('SIGTERM') };
}

interface Scenario {
  title: string;
  method: 'GET' | 'POST' | 'PUT';
  path: string;
  body?: unknown;
}

async function run(url: string, scenario: Scenario) {
  const result = await autocannon({
    url: url + scenario.path,
    method: scenario.method,
    connections: 10,
    pipelining: 1,
    duration: durationSeconds,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'intercom-version': '2.11' },
    body: scenario.body === undefined ? undefined : JSON.stringify(scenario.body),
  });
  return {
    scenario: scenario.title,
    requestsPerSecond: Math.round(result.requests.average),
    p99Ms: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors,
  };
}

async function main(): Promise<void> {
  const sim = await startSim();
  try {
    const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    const created = await fetch(`${sim.url}/contacts`, {
      method: 'POST', headers, body: JSON.stringify({ external_id: 'bench-user', email: 'bench@example.com' }),
    });
    const contact = (await created.json()) as { id: string };
    const scenarios: Scenario[] = [
      { title: 'GET /me', method: 'GET', path: '/me' },
      { title: 'PUT /contacts/{id}', method: 'PUT', path: `/contacts/${contact.id}`, body: { name: 'Bench User' } },
      {
        title: 'POST /events',
        method: 'POST',
        path: '/events',
        body: { event_name: 'bench-event', created_at: 1_700_000_000, user_id: 'bench-user', metadata: { plan: 'pro' } },
      },
    ];
    const target = 5000;
    console.log(`Intercom simulator throughput (10 keep-alive connections, ${durationSeconds} s each, simulator on its own process)`);
    for (const scenario of scenarios) {
      const figure = await run(sim.url, scenario);
      const verdict = figure.requestsPerSecond >= target ? 'meets' : 'MISSES';
      console.log(
        `  ${figure.scenario.padEnd(20)} ${String(figure.requestsPerSecond).padStart(7)} req/s  p99 ${figure.p99Ms} ms  ` +
          `non-2xx ${figure.non2xx}  errors ${figure.errors}  (target >= ${target} req/s: ${verdict})`,
      );
    }
  } finally {
    sim.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
