// `ferry validate` and `ferry test-event` start without the heavy packages other commands use (CLI start-up time).
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const HEAVY = ['fastify', 'pino', 'pino-pretty', 'pg', 'better-sqlite3', 'undici', '@segment/actions-core', 'prom-client'];

/** The npm packages whose CommonJS files a fresh Node process has loaded after importing `modules` (and `run`). */
function packagesLoadedBy(modules: string[], run = ''): string[] {
  const script = [
    "import { createRequire } from 'node:module';",
    ...modules.map((m, i) => `const m${i} = await import(${JSON.stringify(new URL(m, `file://${ROOT}`).href)});`),
    run,
    'const files = Object.keys(createRequire(import.meta.url).cache);',
    "const names = files.filter((f) => f.includes('/node_modules/')).map((f) => f.split('/node_modules/').pop().split('/'))",
    "  .map((p) => (p[0].startsWith('@') ? `${p[0]}/${p[1]}` : p[0]));",
    'console.log(JSON.stringify([...new Set(names)]));',
  ].join('\n');
  const result = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: ROOT, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(result.stderr);
  return JSON.parse(result.stdout.trim().split('\n').pop()!) as string[];
}

describe('CLI start-up imports', () => {
  it('validate loads none of the heavy packages', () => {
    const loaded = packagesLoadedBy(['src/commands/validate.ts']);
    expect(loaded).toContain('@segment/destination-subscriptions'); // the probe sees CommonJS packages
    expect(loaded.filter((name) => HEAVY.includes(name))).toEqual([]);
  });

  it('test-event loads only undici (to send), and only when a client is made', () => {
    const imported = packagesLoadedBy(['src/commands/test-event.ts']);
    expect(imported.filter((name) => HEAVY.includes(name))).toEqual([]);
    const sending = packagesLoadedBy(
      ['src/destinations/intercom/client/pools.ts'],
      "const pool = m0.acquirePool('http://127.0.0.1:9'); if (typeof pool.request !== 'function') throw new Error('no request'); await m0.releasePool('http://127.0.0.1:9', pool);",
    );
    expect(sending.filter((name) => HEAVY.includes(name))).toEqual(['undici']);
  });
});
