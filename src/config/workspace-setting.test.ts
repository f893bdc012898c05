// settings.workspace (written by OAuth connect): both fields, strings, nothing else; absent stays absent.
import { describe, expect, it } from 'vitest';
import { checkSettings } from './check-config.js';

const policy = { allowCustom: false, trusted: [] };
const fail = (path: string, message: string): never => {
  throw new Error(`${path}: ${message}`);
};

describe('settings.workspace', () => {
  it('is kept as given', () => {
    const settings = checkSettings({ region: 'eu', workspace: { idCode: 'eu1', name: 'Europe Co' } }, 'settings', fail, policy);
    expect(settings).toEqual({ region: 'eu', apiVersion: '2.11', workspace: { idCode: 'eu1', name: 'Europe Co' } });
    expect(checkSettings({}, 'settings', fail, policy)).toEqual({ region: 'us', apiVersion: '2.11' });
  });

  it.each([
    [{ idCode: 'eu1' }, 'settings.workspace.name: is required'],
    [{ idCode: 'eu1', name: 3 }, 'settings.workspace.name: must be a string, got a number; put it in quotes'],
    [{ idCode: 'eu1', name: 'x', region: 'EU' }, 'settings.workspace.region: unknown key; expected one of: idCode, name'],
    ['eu1', 'settings.workspace: must be an object, got a string'],
  ])('refuses %j', (workspace, message) => {
    expect(() => checkSettings({ workspace }, 'settings', fail, policy)).toThrow(message);
  });
});
