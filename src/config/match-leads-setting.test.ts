// settings.matchLeadsByEmail (R4, leads ferry did not create): a boolean, kept as given; absent stays absent (off).
import { describe, expect, it } from 'vitest';
import { checkSettings } from './check-config.js';

const policy = { allowCustom: false, trusted: [] };
const fail = (path: string, message: string): never => {
  throw new Error(`${path}: ${message}`);
};

describe('settings.matchLeadsByEmail', () => {
  it('is kept as given, and absent when not given', () => {
    for (const value of [true, false]) {
      expect(checkSettings({ matchLeadsByEmail: value }, 'settings', fail, policy))
        .toEqual({ region: 'us', apiVersion: '2.11', matchLeadsByEmail: value });
    }
    expect(checkSettings({}, 'settings', fail, policy)).not.toHaveProperty('matchLeadsByEmail');
  });

  it.each([
    ['yes', 'settings.matchLeadsByEmail: must be true or false, got a string'],
    [1, 'settings.matchLeadsByEmail: must be true or false, got a number'],
  ])('refuses %j', (matchLeadsByEmail, message) => {
    expect(() => checkSettings({ matchLeadsByEmail }, 'settings', fail, policy)).toThrow(message);
  });

  it('suggests the key when misspelt', () => {
    expect(() => checkSettings({ matchLeadByEmail: true }, 'settings', fail, policy)).toThrow('did you mean "matchLeadsByEmail"?');
  });
});
