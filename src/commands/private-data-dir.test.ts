// `ferry start` keeps its data private: a new data dir is 0700, the database and the secret key 0600.
import { chmodSync, mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startFerryProcess, type FerryProcess } from '../admin/test-support/ferry-process.js';
import { tempDir } from './test-support/ferry.js';

const running: FerryProcess[] = [];
afterEach(async () => {
  for (const ferry of running.splice(0)) await ferry.stop();
});

async function start(dataDir: string): Promise<FerryProcess> {
  const env: NodeJS.ProcessEnv = { ...process.env, CI: '1' };
  delete env.INTERCOM_ACCESS_TOKEN;
  delete env.FERRY_SECRET_KEY;
  const ferry = await startFerryProcess(['--port', '0', '--sim-port', '0', '--data-dir', dataDir], env);
  running.push(ferry);
  return ferry;
}

const modeOf = (path: string) => (statSync(path).mode & 0o777).toString(8);

describe.skipIf(process.platform === 'win32')('the data dir', () => {
  it('is created 0700 on a first start, with the database, its -wal and -shm, and the secret key 0600', async () => {
    const dataDir = join(tempDir('ferry-private-'), 'nested', 'data');
    const ferry = await start(dataDir);
    expect(modeOf(dataDir)).toBe('700');
    for (const name of ['ferry.db', 'ferry.db-wal', 'ferry.db-shm', 'secret.key']) {
      expect([name, modeOf(join(dataDir, name))]).toEqual([name, '600']);
    }
    expect(ferry.output()).not.toContain('open to other users');
  });

  it('that already exists open to other users keeps its mode, and ferry says how to close it', async () => {
    const dataDir = join(tempDir('ferry-open-'), 'data');
    mkdirSync(dataDir);
    chmodSync(dataDir, 0o755);
    const ferry = await start(dataDir);
    expect(ferry.output()).toContain(`the data dir is open to other users (mode 0755); ferry's files in it are 0600, but to close it: chmod 700 ${dataDir}`);
    expect(modeOf(dataDir)).toBe('755');
    expect(modeOf(join(dataDir, 'ferry.db'))).toBe('600');
  });
});
