// What a --config file lists is applied again at every start: the admin API marks it and refuses changes that would be
// lost (409, naming the file), keeps credentials the file leaves out, and leaves what the file does not list alone.
// --seed-config applies a file once, to a new database.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useSimulator } from '../../../sim/intercom/test-support/harness.js';
import { startFerry } from '../../commands/start.js';
import { admin, ADMIN_TOKEN, tempDir } from '../../commands/test-support/ferry.js';
import { useFerry } from '../test-support/admin-ferry.js';

const sim = useSimulator();
const handle = useFerry(() => sim.url);

const refused = (kind: string, id: string, what: string) => ({
  status: 409,
  body: {
    error: {
      code: 'FERRY_ERR_CONFIG_MANAGED',
      message: expect.stringMatching(new RegExp(
        `^${kind} '${id}' is managed by the config file .*ferry\\.config\\.yaml, which ferry applies again at every start: ` +
          `a change to ${what.replace(/[()]/g, '\\$&')} made here would be lost, so it is refused\\. Change the file instead`,
      )),
    },
  },
});

describe('a destination and a source listed in the --config file', () => {
  it('are marked managedByConfig; changes to them are refused with 409 and change nothing', async () => {
    const { url } = await handle.start({ managedConfig: true });
    expect((await admin(url, 'GET', '/api/destinations/intercom')).body.managedByConfig).toBe(true);
    expect((await admin(url, 'GET', '/api/sources/web')).body.managedByConfig).toBe(true);

    const destination = 'this destination (its credentials too: the file gives them)';
    expect(await admin(url, 'PUT', '/api/destinations/intercom', { name: 'Renamed' })).toEqual(refused('destination', 'intercom', destination));
    expect(await admin(url, 'PUT', '/api/destinations/intercom', { settings: { accessToken: 'other-token', endpoint: sim.url } }))
      .toEqual(refused('destination', 'intercom', destination));
    expect(await admin(url, 'POST', '/api/destinations/intercom/oauth/start'))
      .toEqual(refused('destination', 'intercom', 'its credentials (the file gives them)'));
    expect(await admin(url, 'POST', '/api/destinations/intercom/disable')).toEqual(refused('destination', 'intercom', 'whether it is enabled'));
    expect(await admin(url, 'DELETE', '/api/destinations/intercom')).toEqual(refused('destination', 'intercom', 'this destination'));
    expect(await admin(url, 'POST', '/api/destinations/intercom/mappings', { name: 'x', action: 'trackEvent' }))
      .toEqual(refused('destination', 'intercom', 'its mappings'));
    expect(await admin(url, 'POST', '/api/destinations/intercom/mappings/Track%20Event/disable')).toEqual(refused('destination', 'intercom', 'its mappings'));
    expect(await admin(url, 'PUT', '/api/sources/web', { name: 'Site' })).toEqual(refused('source', 'web', 'this source'));
    expect(await admin(url, 'POST', '/api/sources/web/rotate-write-key')).toEqual(refused('source', 'web', 'its write key'));
    expect(await admin(url, 'DELETE', '/api/sources/web')).toEqual(refused('source', 'web', 'this source'));

    const after = (await admin(url, 'GET', '/api/destinations/intercom')).body;
    expect([after.name, after.enabled, after.presets, after.mappings.every((m: { enabled: boolean }) => m.enabled)]).toEqual([undefined, true, true, true]);
    // Reading, testing and what the file does not list stay free.
    expect((await admin(url, 'POST', '/api/destinations/intercom/test-connection')).body.ok).toBe(true);
    expect((await admin(url, 'POST', '/api/sources', { id: 'app' })).status).toBe(201);
    expect((await admin(url, 'PUT', '/api/sources/app', { name: 'App' })).body).toMatchObject({ name: 'App', managedByConfig: false });
    expect((await admin(url, 'POST', '/api/destinations', { id: 'second', settings: { endpoint: sim.url } })).body.managedByConfig).toBe(false);
    expect((await admin(url, 'POST', '/api/destinations/second/disable')).status).toBe(200);
  });

  it('takes new credentials where the file gives none: the start keeps them (nothing is lost)', async () => {
    const dir = tempDir();
    const config = join(dir, 'ferry.config.yaml');
    writeFileSync(config, [
      'sources:', '  - { id: web, writeKey: managed-key }',
      'destinations:', '  - id: intercom', '    type: intercom', '    settings:', `      endpoint: ${sim.url}`, '',
    ].join('\n'));
    const options = { config, port: 0, host: '127.0.0.1', dataDir: join(dir, 'data'), simPort: 0, quiet: true, adminToken: ADMIN_TOKEN };
    let ferry = await startFerry(options);
    try {
      const put = await admin(ferry.url, 'PUT', '/api/destinations/intercom', { settings: { endpoint: sim.url, accessToken: 'sim_token' } });
      expect(put.status).toBe(200);
      expect(await admin(ferry.url, 'PUT', '/api/destinations/intercom', { settings: { endpoint: sim.url, region: 'eu' } }))
        .toEqual(refused('destination', 'intercom', 'anything but its credentials'));
      await ferry.stop();
      ferry = await startFerry(options);
      expect((await admin(ferry.url, 'POST', '/api/destinations/intercom/test-connection')).body).toMatchObject({ ok: true, workspace: { name: 'Sandbox' } });
    } finally {
      await ferry.stop();
    }
  });
});

describe('--seed-config', () => {
  it('applies the file to a new database only; the admin API may change everything, and a restart keeps the changes', async () => {
    const dir = tempDir();
    const config = join(dir, 'seed.yaml');
    writeFileSync(config, [
      'sources:', '  - { id: web, writeKey: seeded-key }',
      'destinations:', '  - id: intercom', '    type: intercom', '    settings:', `      endpoint: ${sim.url}`, '      accessToken: sim_token', '',
    ].join('\n'));
    const options = { seedConfig: config, port: 0, host: '127.0.0.1', dataDir: join(dir, 'data'), simPort: 0, quiet: true, adminToken: ADMIN_TOKEN };
    let ferry = await startFerry(options);
    try {
      expect((await admin(ferry.url, 'GET', '/api/destinations/intercom')).body.managedByConfig).toBe(false);
      expect((await admin(ferry.url, 'PUT', '/api/destinations/intercom', { name: 'Renamed' })).status).toBe(200);
      expect((await admin(ferry.url, 'PUT', '/api/sources/web', { name: 'Site' })).status).toBe(200);
      await ferry.stop();
      ferry = await startFerry(options);
      expect((await admin(ferry.url, 'GET', '/api/destinations/intercom')).body.name).toBe('Renamed');
      expect((await admin(ferry.url, 'GET', '/api/sources/web')).body.name).toBe('Site');
    } finally {
      await ferry.stop();
    }
  });

  it('refuses --config with --seed-config', async () => {
    await expect(startFerry({ config: 'a.yaml', seedConfig: 'b.yaml', port: 0, host: '127.0.0.1', dataDir: tempDir(), simPort: 0, quiet: true }))
      .rejects.toThrow('--config and --seed-config exclude each other: a file is either applied at every start or once');
  });
});
