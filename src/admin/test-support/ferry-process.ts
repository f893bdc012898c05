// Test support: `ferry start` in a child process, its stdout and stderr (the logs) kept for the test to read.
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));

export interface FerryProcess {
  url: string;
  child: ChildProcess;
  /** Everything the process wrote so far: stdout then stderr interleaved as they arrived. */
  output(): string;
  /** SIGTERM and wait for the exit code. */
  stop(): Promise<number | null>;
}

export async function startFerryProcess(args: string[], env: NodeJS.ProcessEnv): Promise<FerryProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'start', ...args], { cwd: ROOT, env });
  let out = '';
  const keep = (chunk: string) => (out += chunk);
  child.stdout.setEncoding('utf8').on('data', keep);
  child.stderr.setEncoding('utf8').on('data', keep);
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    const check = () => {
      const match = /ferry is running: (http:\/\/\S+)/.exec(out);
      if (match && /metrics: /.test(out)) resolve(match[1]!);
    };
    child.stdout.on('data', check);
    void exited.then((code) => reject(new Error(`ferry exited (${code}) before it started:\n${out}`)));
  });
  return {
    url,
    child,
    output: () => out,
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      return exited;
    },
  };
}
