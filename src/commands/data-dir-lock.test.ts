// The data-dir lock: a live ferry's lock is respected, a dead one's is taken over, and giving it back removes it.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { lockDataDir } from './data-dir-lock.js';
import { tempDir } from './test-support/ferry.js';

it('refuses a data dir a live process holds, takes over a dead one, and gives it back', async () => {
  const dir = tempDir();
  const file = join(dir, 'ferry.pid');
  const other = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 30000)']);
  try {
    writeFileSync(file, String(other.pid));
    expect(() => lockDataDir(dir)).toThrow(`another ferry process (pid ${other.pid}) is using the data dir ${dir}`);
  } finally {
    other.kill();
    await new Promise((resolve) => other.once('exit', resolve));
  }
  const unlock = lockDataDir(dir);
  expect(readFileSync(file, 'utf8')).toBe(String(process.pid));
  unlock();
  expect(existsSync(file)).toBe(false);
});
