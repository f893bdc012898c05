// `ferry start` out of the box: no config, no Intercom token -> sandbox mode; the printed curl lands a contact.
import { exec, spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, expect, it } from 'vitest';
import { tempDir, waitFor } from './test-support/ferry.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const children: ChildProcess[] = [];
afterAll(() => children.forEach((c) => c.kill('SIGKILL')));

function startCli(args: string[]) {
  const env: NodeJS.ProcessEnv = { ...process.env, CI: '1' };
  delete env.INTERCOM_ACCESS_TOKEN;
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'start', ...args], { cwd: ROOT, env });
  children.push(child);
  let out = '';
  child.stdout.setEncoding('utf8').on('data', (c: string) => (out += c));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const banner = new Promise<string>((resolve, reject) => {
    child.stdout.on('data', () => {
      if (/metrics: /.test(out)) resolve(out);
    });
    void exited.then((code) => reject(new Error(`ferry exited (${code}): ${out}`)));
  });
  return { child, banner, exited };
}

it('starts in sandbox mode and the curl command it prints gets a contact into the simulator', async () => {
  const dataDir = join(tempDir('ferry-sandbox-'), 'data');
  const ferry = startCli(['--port', '0', '--sim-port', '0', '--data-dir', dataDir]);
  const banner = await ferry.banner;
  expect(banner).toContain('sandbox mode:  no Intercom access token');
  const simUrl = /Intercom simulator at (http:\/\/\S+)/.exec(banner)![1]!;
  const curl = /^ {4}(curl .*)$/m.exec(banner)![1]!;
  await promisify(exec)(curl);
  await waitFor(async () => {
    const state = (await (await fetch(`${simUrl}/_sim/state`)).json()) as any;
    return state.workspaces[0].contacts.some((c: any) => c.external_id === 'user-1' && c.email === 'ada@example.com');
  }, 15_000, 'the contact in the simulator');

  // The write key is kept in the data dir: a restart prints the same one.
  const writeKey = /write key: +(\S+)/.exec(banner)![1]!;
  ferry.child.kill('SIGTERM');
  expect(await ferry.exited).toBe(0);
  const again = startCli(['--port', '0', '--sim-port', '0', '--data-dir', dataDir]);
  expect(/write key: +(\S+)/.exec(await again.banner)![1]).toBe(writeKey);
  again.child.kill('SIGTERM');
  expect(await again.exited).toBe(0);
}, 60_000);

it('refuses a second ferry on the same data dir', async () => {
  const dataDir = join(tempDir('ferry-lock-'), 'data');
  const first = startCli(['--port', '0', '--sim-port', '0', '--data-dir', dataDir]);
  await first.banner;
  const second = startCli(['--port', '0', '--sim-port', '0', '--data-dir', dataDir]);
  await expect(second.banner).rejects.toThrow(/exited \(1\)/);
  first.child.kill('SIGTERM');
  expect(await first.exited).toBe(0);
}, 60_000);
