// Bundles the CLI into dist/ferry.mjs (+ lazy chunks) with esbuild: Node loads a few files instead of ~450 modules.
import { rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build, type Metafile } from 'esbuild';

const ROOT = new URL('..', import.meta.url);
const OUT_DIR = new URL('dist/', ROOT);

/**
 * Packages left to node_modules at run time: native addons (better-sqlite3, pg-native), packages that start worker
 * threads on files they resolve by path (pino's transports: pino-pretty, thread-stream), and pg (optionally requires
 * pg-native). undici and @segment/analytics-next are read through createRequire, which the bundler leaves alone.
 */
const EXTERNAL_PACKAGES = ['better-sqlite3', 'pg', 'pg-native', 'pino', 'pino-pretty', 'thread-stream'];

/**
 * CommonJS packages bundled into an ES module call `require` for Node's built-ins; an ES module has none, so each
 * output file makes one from its own URL (esbuild keeps the name free: a top-level `require` of ours becomes require2).
 */
const REQUIRE_SHIM = "import { createRequire as __ferryCreateRequire } from 'node:module';\nconst require = __ferryCreateRequire(import.meta.url);";

async function bundleCli(): Promise<Metafile> {
  for (const entry of ['ferry.mjs', 'sqlite-writer.mjs']) rmSync(new URL(entry, OUT_DIR), { force: true });
  rmSync(new URL('chunks/', OUT_DIR), { recursive: true, force: true });
  // Earlier builds compiled file by file into dist/src and dist/sim: gone, so nothing runs a stale copy.
  for (const old of ['src/', 'sim/']) rmSync(new URL(old, OUT_DIR), { recursive: true, force: true });
  const result = await build({
    absWorkingDir: fileURLToPath(ROOT),
    // The SQLite writer thread (src/store/sqlite/writer-thread.ts) starts its own entry file.
    entryPoints: { ferry: 'src/bin.ts', 'sqlite-writer': 'src/store/sqlite/writer-worker.ts' },
    outdir: 'dist',
    // Each command's modules stay in their own chunks, loaded by the command's dynamic import: validate never reads fastify.
    splitting: true,
    chunkNames: 'chunks/[name]-[hash]',
    outExtension: { '.js': '.mjs' },
    bundle: true,
    // node_modules may be a link: paths in the metafile and source maps stay node_modules/..., not where it points.
    preserveSymlinks: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    external: EXTERNAL_PACKAGES,
    banner: { js: REQUIRE_SHIM },
    // Classes and functions keep their names where two modules' names clash (error names, fastify's plugin names).
    keepNames: true,
    sourcemap: true,
    sourcesContent: false,
    metafile: true,
    logLevel: 'warning',
  });
  return result.metafile;
}

/** One line for the build log: the files written and their size. */
function describe(metafile: Metafile): string {
  const files = Object.entries(metafile.outputs).filter(([file]) => file.endsWith('.mjs'));
  const total = files.reduce((sum, [, output]) => sum + output.bytes, 0);
  return `CLI bundle: dist/ferry.mjs and ${files.length - 1} chunks, ${(total / 1024).toFixed(0)} KB`;
}

const metafile = await bundleCli();
// What went into each output file and what each imports (esbuild's analyzer reads it; the bundle's test too).
writeFileSync(new URL('ferry.meta.json', OUT_DIR), JSON.stringify(metafile));
console.log(describe(metafile));
