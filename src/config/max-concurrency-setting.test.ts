// settings.maxConcurrency: the cap of deliveries in flight, an integer from 1 to 1024, absent unless given.
import { describe, expect, it } from 'vitest';
import { intercom } from '../destinations/intercom/definition.js';
import { checkSettings } from './check-config.js';

const policy = { allowCustom: false, trusted: [] };
const fail = (path: string, message: string): never => {
  throw new Error(`${path}: ${message}`);
};

describe('settings.maxConcurrency', () => {
  it('is kept when given, and absent (the default cap) when not', () => {
    expect(checkSettings({ maxConcurrency: 128 }, 'settings', fail, policy)).toEqual({ region: 'us', apiVersion: '2.11', maxConcurrency: 128 });
    expect(checkSettings({ maxConcurrency: 1 }, 'settings', fail, policy)).toMatchObject({ maxConcurrency: 1 });
    expect(checkSettings({ maxConcurrency: 1024 }, 'settings', fail, policy)).toMatchObject({ maxConcurrency: 1024 });
    expect(checkSettings({}, 'settings', fail, policy)).toEqual({ region: 'us', apiVersion: '2.11' });
  });

  it.each([[0], [-3], [2.5], ['64'], [null], [true]])('refuses %j, naming the field', (value) => {
    expect(() => checkSettings({ maxConcurrency: value }, 'settings', fail, policy)).toThrow(/^settings\.maxConcurrency: must be a positive integer, got /);
  });

  it('refuses more than 1024', () => {
    expect(() => checkSettings({ maxConcurrency: 1025 }, 'settings', fail, policy)).toThrow('settings.maxConcurrency: must be at most 1024, got 1025');
  });

  it('is in the settings schema the destination type shows, as an optional integer from 1 to 1024', () => {
    expect(intercom.settings.properties.maxConcurrency).toMatchObject({ type: 'integer', minimum: 1, maximum: 1024 });
    expect(intercom.settings.required).not.toContain('maxConcurrency');
    expect(intercom.settingsBody.properties.maxConcurrency).toMatchObject({ type: 'integer', minimum: 1, maximum: 1024 });
  });
});
