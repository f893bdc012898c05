// settings.createMissingAttributes (R24): a boolean, off unless set true; shown with the destination type's settings.
import { describe, expect, it } from 'vitest';
import { intercom } from '../destinations/intercom/definition.js';
import { checkSettings } from './check-config.js';

const policy = { allowCustom: false, trusted: [] };
const fail = (path: string, message: string): never => {
  throw new Error(`${path}: ${message}`);
};

describe('settings.createMissingAttributes', () => {
  it('is kept when true, and absent (off) when false or not given', () => {
    expect(checkSettings({ createMissingAttributes: true }, 'settings', fail, policy))
      .toEqual({ region: 'us', apiVersion: '2.11', createMissingAttributes: true });
    expect(checkSettings({ createMissingAttributes: false }, 'settings', fail, policy)).toEqual({ region: 'us', apiVersion: '2.11' });
  });

  it.each([['yes'], [1], [null]])('refuses %j, naming the field', (value) => {
    expect(() => checkSettings({ createMissingAttributes: value }, 'settings', fail, policy))
      .toThrow(/^settings\.createMissingAttributes: must be true or false, got /);
  });

  it('is in the settings schema the destination type shows, as an optional boolean', () => {
    expect(intercom.settings.properties.createMissingAttributes).toMatchObject({ type: 'boolean' });
    expect(intercom.settings.required).not.toContain('createMissingAttributes');
    expect(intercom.settingsBody.properties.createMissingAttributes).toMatchObject({ type: 'boolean' });
  });
});
