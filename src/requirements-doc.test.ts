// docs/requirements.md cites tests by file and name: every citation must name a test that exists, or the page lies.
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const page = readFileSync(`${ROOT}docs/requirements.md`, 'utf8');

/** Each cited test file with the names cited under it (`describe` › `it`, each part a literal in the file). */
function citations(): Map<string, string[][]> {
  const cited = new Map<string, string[][]>();
  let file: string | undefined;
  for (const line of page.split('\n')) {
    const fileLine = /^- `([^`]+\.ts)`\s*$/.exec(line);
    if (fileLine) {
      file = fileLine[1]!;
      cited.set(file, cited.get(file) ?? []);
      continue;
    }
    const nameLine = /^ {2}- (`.+`)\s*$/.exec(line);
    if (nameLine && file) cited.get(file)!.push([...nameLine[1]!.matchAll(/`([^`]+)`/g)].map((m) => m[1]!));
    else if (!line.startsWith('  ')) file = undefined;
  }
  return cited;
}

describe('docs/requirements.md', () => {
  const cited = citations();

  it('cites tests', () => {
    expect(cited.size).toBeGreaterThan(20);
  });

  it.each([...cited.keys()])('cites only names that are in %s', (file) => {
    expect(existsSync(`${ROOT}${file}`), `${file} exists`).toBe(true);
    // Names as the runner shows them: quotes escaped in the source read as plain quotes.
    const text = readFileSync(`${ROOT}${file}`, 'utf8').replace(/\\(['"])/g, '$1');
    const missing = cited.get(file)!.flat().filter((name) => !text.includes(name));
    expect(missing).toEqual([]);
  });
});
