// Figure 1's ingest alone, with ferry's CPU per event split by thread (and optionally its V8 CPU profiles):
// npm run build && npx tsx bench/ingest-profile.ts [events] [--cpu-prof DIR]
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PAUSING_TOKEN, basicAuth, writeBenchConfig } from './ferry-config.js';
import { batchBodies, postAll } from './load.js';
import { startFerryChild } from './processes.js';
import { startBenchSimulator } from './simulator.js';
import { generateWorkload } from './workload/generate.js';
import { partitionByPerson } from './workload/partition.js';

const CLOCK_TICKS = 100;
const WARM_UP = 5_000;

/** CPU seconds per thread of a process, by thread id, with the thread's name. */
function threadCpu(pid: number): Map<string, { name: string; seconds: number }> {
  const out = new Map<string, { name: string; seconds: number }>();
  for (const tid of readdirSync(`/proc/${pid}/task`)) {
    try {
      const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
      const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      out.set(tid, { name, seconds: (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS });
    } catch {
      // The thread ended meanwhile.
    }
  }
  return out;
}

const args = process.argv.slice(2);
const profAt = args.indexOf('--cpu-prof');
const cpuProfDir = profAt >= 0 ? args[profAt + 1] : undefined;
const count = Number(args.find((a, i) => /^\d+$/.test(a) && args[i - 1] !== '--cpu-prof') ?? 30_000);
const dir = mkdtempSync(join(tmpdir(), 'ferry-ingest-profile-'));
const sim = await startBenchSimulator();
try {
  const { events } = generateWorkload({ events: count + WARM_UP, seed: 1 });
  const streams = (part: typeof events) => partitionByPerson(part, 8).map((p) => batchBodies(p, 100));
  const ferry = await startFerryChild({
    config: writeBenchConfig(dir, sim.url, PAUSING_TOKEN, 'paused.yaml'), dataDir: join(dir, 'data'), expectPause: true,
    ...(cpuProfDir === undefined ? {} : { cpuProfDir }),
  });
  const auth = { authorization: basicAuth };
  await postAll(ferry.url, '/v1/batch', streams(events.slice(0, WARM_UP)), auth);
  const before = threadCpu(ferry.pid);
  const result = await postAll(ferry.url, '/v1/batch', streams(events.slice(WARM_UP)), auth);
  const after = threadCpu(ferry.pid);
  await ferry.stop();
  let total = 0;
  const rows: string[] = [];
  for (const [tid, end] of after) {
    const used = end.seconds - (before.get(tid)?.seconds ?? 0);
    total += used;
    if (used > 0) rows.push(`  thread ${tid} (${end.name}): ${((used * 1e6) / result.events).toFixed(1)} us/event`);
  }
  process.stdout.write(`${result.events} events, ${Math.round(result.eventsPerSecond)} ev/s, ${result.failures} failures; ` +
    `ferry CPU ${((total * 1e6) / result.events).toFixed(1)} us/event\n${rows.join('\n')}\n`);
} finally {
  await sim.close();
  rmSync(dir, { recursive: true, force: true });
}
