// Real config files in a fresh temp dir for each test file, and an assertion for exact config errors.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import { FerryError } from '../../errors.js';

export interface TempDir {
  path: string;
  write(name: string, text: string): string;
  remove(): void;
}

export function makeTempDir(): TempDir {
  const path = mkdtempSync(join(tmpdir(), 'ferry-config-'));
  return {
    path,
    write(name, text) {
      const file = join(path, name);
      writeFileSync(file, text);
      return file;
    },
    remove: () => rmSync(path, { recursive: true, force: true }),
  };
}

/** Lines joined with \n, so a test reads like the file it writes. */
export const yaml = (...lines: string[]): string => `${lines.join('\n')}\n`;

export interface ExpectedProblem {
  line: number;
  /** '' for the document as a whole (then the message has no path part). */
  path: string;
  problem: string;
}

/** Runs `load` and asserts it threw FERRY_ERR_CONFIG_INVALID with exactly `${file}:${line}: ${path}: ${problem}`. */
export function expectConfigError(load: () => unknown, file: string, expected: ExpectedProblem): FerryError {
  let thrown: unknown;
  try {
    load();
  } catch (error) {
    thrown = error;
  }
  expect(thrown).toBeInstanceOf(FerryError);
  const error = thrown as FerryError;
  const where = expected.path === '' ? '' : `${expected.path}: `;
  expect(error.message).toBe(`${file}:${expected.line}: ${where}${expected.problem}`);
  expect(error.code).toBe('FERRY_ERR_CONFIG_INVALID');
  expect(error.details).toEqual({ file, path: expected.path, line: expected.line });
  return error;
}
