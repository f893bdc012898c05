// The id a new destination gets from its name, and the id rule in words.
import { describe, expect, it } from 'vitest';
import { idFromName, idProblem } from './destination-id.js';

describe('idFromName', () => {
  it('lowercases, joins words with "-", drops accents and leading or trailing punctuation', () => {
    expect(idFromName('My Intercom (EU)')).toBe('my-intercom-eu');
    expect(idFromName('  Équipe Support  ')).toBe('equipe-support');
    expect(idFromName('--prod.v2_intercom--')).toBe('prod.v2_intercom');
    expect(idFromName('!!!')).toBe('');
  });

  it('is unique among the ids taken, and at most 64 characters', () => {
    expect(idFromName('Intercom', ['intercom'])).toBe('intercom-2');
    expect(idFromName('Intercom', ['intercom', 'intercom-2'])).toBe('intercom-3');
    const long = idFromName('x'.repeat(80), ['x'.repeat(64)]);
    expect(long).toBe(`${'x'.repeat(62)}-2`);
  });
});

describe('idProblem', () => {
  it('says what is wrong in words, or nothing', () => {
    expect(idProblem('intercom-eu', ['intercom'])).toBeUndefined();
    expect(idProblem('', [])).toMatch(/^Give an id/);
    expect(idProblem('-x', [])).toBe('Use letters, digits, ".", "_" and "-" only, starting with a letter or digit.');
    expect(idProblem('a b', [])).toBe('Use letters, digits, ".", "_" and "-" only, starting with a letter or digit.');
    expect(idProblem('a'.repeat(65), [])).toBe('At most 64 characters (this one has 65).');
    expect(idProblem('intercom', ['intercom'])).toBe('A destination with the id "intercom" exists already: choose another.');
  });
});
