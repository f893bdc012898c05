// A config re-applied at start keeps the credentials connected since, with their workspace — unless it moves them (R22).
import { describe, expect, it } from 'vitest';
import { defaultRegistry } from '../destinations/registry.js';
import type { StoredDestination } from '../store/types.js';
import { carryConnectedCredentials } from './carry-credentials.js';
import type { FerryConfig } from './model.js';

const config = (settings: Record<string, unknown>): FerryConfig => ({
  sources: [],
  destinations: [{ id: 'd2', type: 'intercom', enabled: true, settings: { region: 'eu', apiVersion: '2.11', ...settings } }],
});
const stored = (settings: Record<string, unknown>): StoredDestination[] => [
  { ...config(settings).destinations[0]!, pausedReason: null },
];
const CONNECTED = { accessToken: 'oauth-token-1234', workspace: { idCode: 'eu1', name: 'EU' } };
const carry = (file: Record<string, unknown>, before: Record<string, unknown>) =>
  carryConnectedCredentials(config(file), stored(before), defaultRegistry).destinations[0]!.settings;

describe('carryConnectedCredentials', () => {
  it('keeps a token connected through OAuth or the API, and its workspace, when the file gives none', () => {
    expect(carry({ endpoint: 'http://127.0.0.1:9/x' }, { endpoint: 'http://127.0.0.1:9/x', ...CONNECTED })).toEqual({
      region: 'eu', apiVersion: '2.11', endpoint: 'http://127.0.0.1:9/x', ...CONNECTED,
    });
    expect(carry({}, CONNECTED)).toMatchObject(CONNECTED);
  });

  it('lets a token in the file win', () => {
    expect(carry({ accessToken: 'file-token-5678' }, CONNECTED)).toEqual({ region: 'eu', apiVersion: '2.11', accessToken: 'file-token-5678' });
  });

  it('R22: never carries a token to a new endpoint (a trailing slash is the same endpoint)', () => {
    expect(carry({ endpoint: 'http://127.0.0.1:9/x/' }, { endpoint: 'http://127.0.0.1:9/x', ...CONNECTED })).toMatchObject(CONNECTED);
    expect(carry({ endpoint: 'http://127.0.0.1:8/x' }, { endpoint: 'http://127.0.0.1:9/x', ...CONNECTED })).toEqual({
      region: 'eu', apiVersion: '2.11', endpoint: 'http://127.0.0.1:8/x',
    });
    expect(carry({}, { endpoint: 'http://127.0.0.1:9/x', ...CONNECTED })).toEqual({ region: 'eu', apiVersion: '2.11' });
  });

  it('leaves new destinations, and ones without stored credentials, as the file says', () => {
    expect(carryConnectedCredentials(config({}), [], defaultRegistry)).toEqual(config({}));
    expect(carry({}, {})).toEqual({ region: 'eu', apiVersion: '2.11' });
  });
});
