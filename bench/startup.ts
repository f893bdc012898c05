// CLI start-up: wall time of `ferry validate` and `ferry test-event` (the built bundle, run once per test in users' CI).
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { performance } from 'node:perf_hooks';
import { writeBenchConfig } from './ferry-config.js';
import { ROOT } from './processes.js';

/** What users run: the bundle `npm run build` writes (package.json's bin). */
export const BUNDLE = join(ROOT, 'dist', 'ferry.mjs');
const CLOCK_TICKS = 100; // USER_HZ of /proc

/** An identify of a person the workload never uses: the simulator gets one contact write, the figures none. */
const PROBE_EVENT = {
  type: 'identify', userId: 'ferry-startup-probe', messageId: 'ferry-startup-probe',
  traits: { email: 'startup-probe@example.com', name: 'Start-up Probe' }, timestamp: '2026-01-01T00:00:00.000Z',
};

export interface StartupFigure {
  runs: number;
  validate: CommandTimes;
  testEvent: CommandTimes;
  /** `node -e ''` timed the same way: what Node itself takes to start and exit on this machine now. */
  bareNode: CommandTimes;
  /** Another build of the CLI (an older one, say) timed in the same rounds, when one was given. */
  baseline?: { cli: string; validate: CommandTimes; testEvent: CommandTimes };
}

export interface CommandTimes {
  medianMs: number;
  minMs: number;
  maxMs: number;
  /** Median CPU time (user + system) of the process, from this process's children times; 10 ms resolution. */
  cpuMedianMs: number | undefined;
}

/** cutime + cstime of this process (its waited-for children), in ms; undefined off Linux. */
function childrenCpuMs(): number | undefined {
  try {
    const stat = readFileSync('/proc/self/stat', 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[13]) + Number(fields[14])) * 1000) / CLOCK_TICKS;
  } catch {
    return undefined;
  }
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

interface Sample {
  ms: number;
  cpuMs: number | undefined;
}

/** One run of `node ...args`, from spawn to exit; asynchronous, since the simulator test-event talks to may be in this process. */
async function timeOnce(args: string[]): Promise<Sample> {
  const cpuBefore = childrenCpuMs();
  const started = performance.now();
  const child = spawn(process.execPath, args, {
    env: { ...process.env, FERRY_ALLOW_CUSTOM_ENDPOINTS: '1' }, stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const status = await new Promise<number | null>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code) => resolve(code));
  });
  const ms = performance.now() - started;
  const cpuAfter = childrenCpuMs();
  if (status !== 0) throw new Error(`node ${args.slice(0, 2).join(' ')} exited ${status}: ${stderr}`);
  return { ms, cpuMs: cpuBefore === undefined || cpuAfter === undefined ? undefined : cpuAfter - cpuBefore };
}

function summarizeTimes(samples: Sample[]): CommandTimes {
  const ms = samples.map((s) => s.ms);
  const cpu = samples.map((s) => s.cpuMs).filter((c): c is number => c !== undefined);
  return {
    medianMs: median(ms), minMs: Math.min(...ms), maxMs: Math.max(...ms),
    cpuMedianMs: cpu.length === samples.length ? median(cpu) : undefined,
  };
}

/**
 * Runs each command `runs` times, interleaved (one warm-up each first), against the simulator at `simUrl`; with
 * `baselineCli`, that build's commands too, in the same rounds.
 */
export async function measureStartup(dir: string, simUrl: string, accessToken: string, runs: number, baselineCli?: string): Promise<StartupFigure> {
  const config = writeBenchConfig(dir, simUrl, accessToken, 'startup.yaml');
  const event = join(dir, 'startup-event.json');
  writeFileSync(event, JSON.stringify(PROBE_EVENT));
  const commands = (cli: string) => ({ validate: [cli, 'validate', config], testEvent: [cli, 'test-event', '--config', config, event] });
  const builds = baselineCli === undefined ? [commands(BUNDLE)] : [commands(BUNDLE), commands(baselineCli)];
  const bareNode = ['-e', ''];
  for (const build of builds) {
    await timeOnce(build.validate);
    await timeOnce(build.testEvent);
  }
  const samples = builds.map(() => ({ validate: [] as Sample[], testEvent: [] as Sample[] }));
  const bareSamples: Sample[] = [];
  for (let i = 0; i < runs; i++) {
    for (const [b, build] of builds.entries()) {
      samples[b]!.validate.push(await timeOnce(build.validate));
      samples[b]!.testEvent.push(await timeOnce(build.testEvent));
    }
    bareSamples.push(await timeOnce(bareNode));
  }
  const [bundle, baseline] = samples.map((s) => ({ validate: summarizeTimes(s.validate), testEvent: summarizeTimes(s.testEvent) }));
  return {
    runs, ...bundle!, bareNode: summarizeTimes(bareSamples),
    ...(baseline && baselineCli ? { baseline: { cli: baselineCli, ...baseline } } : {}),
  };
}

/**
 * `npx tsx bench/startup.ts [runs] [baseline-cli]` (after `npm run build`): this figure alone, against a simulator in
 * this process; a baseline CLI (e.g. an older build's entry file) is timed in the same rounds.
 */
async function main(): Promise<void> {
  const { mkdtempSync, rmSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const { startBenchSimulator } = await import('./simulator.js');
  const { DEFAULT_TOKEN } = await import('../sim/intercom/state.js');
  const dir = mkdtempSync(join(tmpdir(), 'ferry-startup-'));
  const sim = await startBenchSimulator();
  try {
    const figure = await measureStartup(dir, sim.url, DEFAULT_TOKEN, Number(process.argv[2] ?? 11), process.argv[3]);
    const rows: [string, CommandTimes][] = [['ferry validate', figure.validate], ['ferry test-event', figure.testEvent]];
    if (figure.baseline) rows.push([`${figure.baseline.cli} validate`, figure.baseline.validate], [`${figure.baseline.cli} test-event`, figure.baseline.testEvent]);
    rows.push(["node -e ''", figure.bareNode]);
    for (const [name, t] of rows) {
      process.stdout.write(`${name}: median ${t.medianMs.toFixed(0)} ms (${t.minMs.toFixed(0)}-${t.maxMs.toFixed(0)}), CPU ${t.cpuMedianMs ?? 'n/a'} ms, ${figure.runs} runs\n`);
    }
  } finally {
    await sim.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
