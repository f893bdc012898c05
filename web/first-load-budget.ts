// A Vite plugin: after the build, prints the gzipped JavaScript a first visit loads and fails the build over budget.
import { gzipSync } from 'node:zlib';
import type { Plugin, Rollup } from 'vite';

type OutputBundle = Rollup.OutputBundle;
type OutputChunk = Rollup.OutputChunk;

/** The entry chunk and every chunk it imports statically: what the browser fetches before the first page shows. */
export function firstLoadChunks(bundle: OutputBundle): OutputChunk[] {
  const chunks = Object.values(bundle).filter((item): item is OutputChunk => item.type === 'chunk');
  const byName = new Map(chunks.map((chunk) => [chunk.fileName, chunk]));
  const seen = new Set<string>();
  const visit = (chunk: OutputChunk) => {
    if (seen.has(chunk.fileName)) return;
    seen.add(chunk.fileName);
    for (const name of chunk.imports) {
      const imported = byName.get(name);
      if (imported) visit(imported);
    }
  };
  for (const chunk of chunks) if (chunk.isEntry) visit(chunk);
  return [...seen].map((name) => byName.get(name)!);
}

export function firstLoadBudget(budgetBytes: number): Plugin {
  return {
    name: 'ferry-first-load-budget',
    apply: 'build',
    generateBundle(_options, bundle) {
      const bytes = firstLoadChunks(bundle).reduce((sum, chunk) => sum + gzipSync(chunk.code).length, 0);
      const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
      const line = `web app first load: ${kb(bytes)} of JavaScript gzipped (budget ${kb(budgetBytes)})`;
      if (bytes > budgetBytes) this.error(`${line}: over budget`);
      console.log(line);
    },
  };
}
