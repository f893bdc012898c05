// The real `ferry sim` process: its banner, its token, its options, and a clean exit on a signal (`ferry start`:
// start.sandbox.test.ts); exit codes for a wrong command line.
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, type Server } from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const running: ChildProcess[] = [];

interface Cli {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Resolves with the match once stdout matches; rejects if the process ends first. */
  waitFor: (pattern: RegExp) => Promise<RegExpMatchArray>;
}

function runCli(args: string[]): Cli {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', ...args], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.push(child);
  let stdout = '';
  let stderr = '';
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  const waitFor = (pattern: RegExp) =>
    new Promise<RegExpMatchArray>((resolve, reject) => {
      const check = () => {
        const match = stdout.match(pattern);
        if (!match) return;
        child.stdout!.off('data', check);
        resolve(match);
      };
      child.stdout!.on('data', check);
      check();
      void exited.then(({ code }) => reject(new Error(`ferry exited (${code}) before ${pattern}: ${stdout}${stderr}`)));
    });
  return { child, stdout: () => stdout, stderr: () => stderr, exited, waitFor };
}

/** Waits for the whole banner and returns the URL and token it announces. */
async function banner(cli: Cli): Promise<{ url: string; token: string }> {
  const [, url] = await cli.waitFor(/listening on (http:\/\/127\.0\.0\.1:(\d+))\n/);
  const [, token] = await cli.waitFor(/ {2}token: +(\S+) /);
  await cli.waitFor(/ {2}control: .*\n/);
  return { url: url!, token: token! };
}

async function me(url: string, token: string) {
  const res = await fetch(`${url}/me`, { headers: { authorization: `Bearer ${token}` } });
  return { status: res.status, headers: res.headers, body: (await res.json()) as any };
}

// Only a failed test leaves its process running; the others end theirs.
afterEach(() => {
  for (const child of running.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
});

describe('ferry sim', () => {
  it('--port 0 listens on a free port, prints its URL and token, and exits 0 on SIGTERM', async () => {
    const cli = runCli(['sim', '--port', '0']);
    const { url, token } = await banner(cli);
    expect(Number(new URL(url).port)).toBeGreaterThan(0);
    expect(token).toBe('sim_token');
    expect(cli.stdout()).toContain(`curl -H 'Authorization: Bearer sim_token' ${url}/me`);
    const answer = await me(url, token);
    expect(answer.status).toBe(200);
    expect(answer.body.app).toMatchObject({ id_code: 'sandbox1', name: 'Sandbox', region: 'US' });
    expect(answer.headers.get('x-ratelimit-limit')).toBe('167');

    cli.child.kill('SIGTERM');
    expect(await cli.exited).toEqual({ code: 0, signal: null });
    expect(cli.stderr()).toBe('');
    await expect(fetch(`${url}/me`)).rejects.toThrow();
  });

  it('--token sets the default workspace token; SIGINT also exits 0', async () => {
    const cli = runCli(['sim', '--port', '0', '--token', 'custom', '--rate-limit', '5', '--window-seconds', '2']);
    const { url, token } = await banner(cli);
    expect(token).toBe('custom');
    const answer = await me(url, 'custom');
    expect(answer.status).toBe(200);
    expect(answer.headers.get('x-ratelimit-limit')).toBe('5');
    expect(Number(answer.headers.get('x-ratelimit-reset')) % 2).toBe(0);
    expect((await me(url, 'sim_token')).status).toBe(401);

    cli.child.kill('SIGINT');
    expect(await cli.exited).toEqual({ code: 0, signal: null });
  });

  it.each([
    [['--port', 'abc'], 'port must be a whole number from 0 to 65535.'],
    [['--port', '-1'], 'port must be a whole number from 0 to 65535.'],
    [['--port', '70000'], 'port must be a whole number from 0 to 65535.'],
    [['--port', '1e3'], 'port must be a whole number from 0 to 65535.'],
    [['--rate-limit', '0'], 'rate-limit must be a whole number >= 1.'],
    [['--window-seconds', '1.5'], 'window-seconds must be a whole number >= 1.'],
  ])('%j exits 2 (wrong usage) with a clear message on stderr', async (args, message) => {
    const cli = runCli(['sim', ...args]);
    const { code } = await cli.exited;
    expect(code).toBe(2);
    expect(cli.stderr()).toContain(message);
    expect(cli.stderr()).toContain(`'${args[1]}' is invalid`);
    expect(cli.stdout()).toBe('');
  });

  it('exits 1 with the reason when the port is taken', async () => {
    const blocker: Server = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const { port } = blocker.address() as { port: number };
    try {
      const cli = runCli(['sim', '--port', String(port)]);
      expect((await cli.exited).code).toBe(1);
      expect(cli.stderr()).toMatch(/^ferry: .*EADDRINUSE/);
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
    }
  });
});

describe('a wrong command line', () => {
  it.each([
    [['validate', '--config', 'ferry.config.yaml'], "error: unknown option '--config'", 'Usage: ferry validate [options] <config>'],
    [['validate'], "error: missing required argument 'config'", 'Usage: ferry validate [options] <config>'],
    [['validate', 'a.yaml', 'b.yaml'], "error: too many arguments for 'validate'. Expected 1 argument but got 2.", 'Usage: ferry validate'],
    [['deploy'], "error: unknown command 'deploy'", 'Usage: ferry [options] [command]'],
  ])('%j exits 2, like invalid input, saying what is wrong and how the command is used', async (args, error, usage) => {
    const cli = runCli(args);
    expect((await cli.exited).code).toBe(2);
    expect(cli.stderr().startsWith(`${error}\n`), cli.stderr()).toBe(true);
    expect(cli.stderr()).toContain(usage);
    expect(cli.stdout()).toBe('');
  });

  it('test-event without --config or --url exits 2 and says what it needs', async () => {
    const cli = runCli(['test-event', '-']);
    expect((await cli.exited).code).toBe(2);
    expect(cli.stderr()).toBe('ferry: give --config FILE (or --url URL of a running ferry)\n');
    expect(cli.stdout()).toBe('');
  });

  it('--help and --version still exit 0', async () => {
    for (const args of [['--help'], ['validate', '--help'], ['--version']]) {
      const cli = runCli(args);
      expect((await cli.exited).code).toBe(0);
      expect(cli.stdout()).not.toBe('');
    }
  });
});
