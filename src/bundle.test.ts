// The built CLI bundle (dist/ferry.mjs, what users run) works: validate, test-event, start in sandbox mode, --version.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire, isBuiltin } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { useSimulator } from '../sim/intercom/test-support/harness.js';
import { PREAMBLE } from './ingest/browser/assets.js';
import { tempDir } from './commands/test-support/ferry.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BUNDLE = join(ROOT, 'dist', 'ferry.mjs');
const BUILT = existsSync(BUNDLE) && existsSync(join(ROOT, 'dist', 'web', 'index.html'));
if (!BUILT) {
  // CI builds before testing (.ci/run): there a missing bundle is a failure, not a skip.
  if (process.env.CI) throw new Error('dist/ferry.mjs or dist/web is missing: run `npm run build` before the tests');
  console.warn('src/bundle.test.ts skipped: dist/ferry.mjs or dist/web is missing (run `npm run build` first)');
}

const children: ChildProcess[] = [];
afterAll(() => children.forEach((child) => child.kill('SIGKILL')));

interface Run {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  exited: Promise<number | null>;
}

function spawnBundle(args: string[], env: NodeJS.ProcessEnv = {}): Run {
  const child = spawn(process.execPath, [BUNDLE, ...args], { cwd: tempDir('ferry-bundle-cwd-'), env: { ...process.env, CI: '1', ...env } });
  children.push(child);
  let stdout = '';
  let stderr = '';
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  return { child, stdout: () => stdout, stderr: () => stderr, exited };
}

async function runBundle(args: string[], env: NodeJS.ProcessEnv = {}) {
  const run = spawnBundle(args, env);
  const code = await run.exited;
  return { code, stdout: run.stdout(), stderr: run.stderr() };
}

/** Inputs only `ferry start` (and delivery) needs. */
const START_ONLY = /node_modules\/(fastify|@fastify|pino|prom-client|undici)\/|src\/(store\/sqlite|store\/postgres|admin|ingest\/browser)\//;

/** The output files a file loads before any of its code runs (static imports, followed), from esbuild's metafile. */
function staticClosure(outputs: Record<string, { imports: { path: string; kind: string; external?: boolean }[] }>, start: string): Set<string> {
  const seen = new Set<string>();
  const pending = [start];
  while (pending.length > 0) {
    const file = pending.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    for (const imported of outputs[file]?.imports ?? []) if (imported.kind === 'import-statement') pending.push(imported.path);
  }
  return seen;
}

describe.skipIf(!BUILT)('the built CLI bundle', () => {
  const sim = useSimulator();

  it('prints the version of package.json', async () => {
    const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
    expect(await runBundle(['--version'])).toEqual({ code: 0, stdout: `${version}\n`, stderr: '' });
  });

  it('validates the examples, and exits 2 (a FerryError from another chunk is still one) on a wrong config', async () => {
    const sandbox = join(ROOT, 'examples', 'sandbox.config.yaml');
    expect(await runBundle(['validate', sandbox])).toEqual({
      code: 0, stdout: `${sandbox} is valid (1 source(s); intercom-sandbox: 3 mappings)\n`, stderr: '',
    });
    const full = await runBundle(['validate', join(ROOT, 'examples', 'ferry.config.yaml')], { FERRY_WRITE_KEY: 'k', INTERCOM_ACCESS_TOKEN: 't' });
    expect(full.code, full.stderr).toBe(0);
    expect(full.stdout).toMatch(/ferry\.config\.yaml is valid \(/);
    const wrong = join(tempDir('ferry-bundle-'), 'wrong.yaml');
    writeFileSync(wrong, 'sources: []\ndestinations:\n  - id: x\n    type: nope\n');
    const refused = await runBundle(['validate', wrong]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(new RegExp(`^ferry: ${wrong}:4: destinations\\[0\\]\\.type: .*\\n$`));
  });

  it('runs test-event against the simulator and sends exactly the contact write', async () => {
    const dir = tempDir('ferry-bundle-');
    const config = join(dir, 'ferry.config.yaml');
    writeFileSync(config, `sources:\n  - id: web\n    writeKey: wk\ndestinations:\n  - id: intercom\n    type: intercom\n` +
      `    settings:\n      accessToken: sim_token\n      endpoint: ${sim.url}\n`);
    const result = await runBundle(['test-event', '--config', config, join(ROOT, 'examples', 'events', 'identify.json')]);
    expect(result.code, result.stderr).toBe(0);
    const { outcomes } = JSON.parse(result.stdout) as { outcomes: { mapping: string; status: string }[] };
    expect(outcomes.map((o) => [o.mapping, o.status])).toEqual([
      ['Identify Contact', 'delivered'], ['Identify Company', 'filtered'], ['Track Event', 'filtered'],
    ]);
    const requests = await sim.requests();
    expect(requests.map((r) => [r.method, r.path, r.status])).toEqual([['POST', '/contacts', 200]]);
    expect(requests[0].body).toEqual({
      role: 'user', external_id: 'user-42', email: 'ada@example.com', name: 'Ada Lovelace',
      phone: '+44 20 7946 0000', signed_up_at: 1709285400, last_seen_at: 1795860000,
    });
  });

  it('starts in sandbox mode: /healthz, an event stored, the web app at / and analytics.js from the pinned package', async () => {
    const env: NodeJS.ProcessEnv = { INTERCOM_ACCESS_TOKEN: '', FERRY_WEB_DIR: '' };
    const ferry = spawnBundle(['start', '--port', '0', '--sim-port', '0', '--data-dir', join(tempDir('ferry-bundle-'), 'data')], env);
    const url = await new Promise<string>((resolve, reject) => {
      ferry.child.stdout!.on('data', () => {
        const match = /ferry is running: (http:\/\/\S+)[\s\S]*metrics: /.exec(ferry.stdout());
        if (match) resolve(match[1]!);
      });
      void ferry.exited.then((code) => reject(new Error(`ferry exited (${code}): ${ferry.stdout()}${ferry.stderr()}`)));
    });
    expect(ferry.stdout()).toContain('sandbox mode:  no Intercom access token');

    const health = await fetch(`${url}/healthz`);
    expect([health.status, await health.json()]).toEqual([200, { status: 'ok' }]);
    const page = await fetch(`${url}/destinations`, { headers: { accept: 'text/html' } });
    expect(page.status).toBe(200);
    expect(await page.text()).toBe(readFileSync(join(ROOT, 'dist', 'web', 'index.html'), 'utf8'));
    const script = await fetch(`${url}/analytics.js/v1/any-key/analytics.min.js`, { headers: { 'accept-encoding': 'identity' } });
    expect(script.status).toBe(200);
    const umd = join(dirname(createRequire(import.meta.url).resolve('@segment/analytics-next/package.json')), 'dist', 'umd');
    expect(Buffer.from(await script.arrayBuffer()).equals(Buffer.concat([Buffer.from(PREAMBLE), readFileSync(join(umd, 'standalone.js'))]))).toBe(true);
    // An event is acknowledged only once the SQLite writer thread (its own entry file in the bundle) committed it.
    const writeKey = /write key:\s+(\S+)/.exec(ferry.stdout())![1]!;
    const identify = await fetch(`${url}/v1/identify`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Basic ${Buffer.from(`${writeKey}:`).toString('base64')}` },
      body: JSON.stringify({ userId: 'bundle-user', traits: { email: 'bundle@example.com' } }),
    });
    expect([identify.status, await identify.json()]).toEqual([200, { success: true }]);
    const openapi = await fetch(`${url}/api/openapi.json`);
    expect([openapi.status, ((await openapi.json()) as { openapi: string }).openapi]).toEqual([200, expect.stringMatching(/^3\./)]);

    ferry.child.kill('SIGTERM');
    expect(await ferry.exited).toBe(0);
  }, 60_000);

  it('loads no part of start (fastify, pino, the stores) for validate and test-event', () => {
    const meta = JSON.parse(readFileSync(join(ROOT, 'dist', 'ferry.meta.json'), 'utf8')) as {
      outputs: Record<string, { entryPoint?: string; inputs: Record<string, unknown>; imports: { path: string; kind: string; external?: boolean }[] }>;
    };
    const chunkOf = (entry: string) => Object.keys(meta.outputs).find((file) => meta.outputs[file]!.entryPoint === entry)!;
    for (const command of ['src/commands/validate.ts', 'src/commands/test-event.ts']) {
      const files = [...staticClosure(meta.outputs, chunkOf(command)), ...staticClosure(meta.outputs, 'dist/ferry.mjs')];
      const inputs = files.flatMap((file) => Object.keys(meta.outputs[file]?.inputs ?? {}));
      expect(inputs).toContain('node_modules/yaml/dist/index.js');
      expect(inputs.filter((input) => START_ONLY.test(input)), command).toEqual([]);
      const externals = files.flatMap((file) => (meta.outputs[file]?.imports ?? []).filter((i) => i.external && !isBuiltin(i.path)));
      expect(externals, command).toEqual([]);
    }
  });

  it('maps stack traces to the source files', async () => {
    const meta = JSON.parse(readFileSync(join(ROOT, 'dist', 'ferry.meta.json'), 'utf8')) as { outputs: Record<string, { entryPoint?: string }> };
    const validate = Object.keys(meta.outputs).find((file) => meta.outputs[file]!.entryPoint === 'src/commands/validate.ts')!;
    const script = `const { runValidateCommand } = await import(${JSON.stringify(pathToFileURL(join(ROOT, validate)).href)});` +
      "try { runValidateCommand('/nonexistent/ferry.yaml'); } catch (error) { console.log(error.stack); }";
    const child = spawn(process.execPath, ['--enable-source-maps', '--input-type=module', '-e', script]);
    let stdout = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    await new Promise((resolve) => child.on('close', resolve));
    expect(stdout).toMatch(/^FerryError: \/nonexistent\/ferry\.yaml: cannot read the config file/);
    expect(stdout).toContain(`at runValidateCommand (${join(ROOT, 'src', 'commands', 'validate.ts')}:`);
  });
});
