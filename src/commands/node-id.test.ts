// The node id: created once in the data dir, the same on every later start, refused with the fix when damaged.
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadNodeId } from './node-id.js';
import { tempDir } from './test-support/ferry.js';

describe('loadNodeId', () => {
  it('creates a random id once, private, and answers it on every later start', () => {
    const dir = tempDir();
    const id = loadNodeId(dir);
    expect(id).toMatch(/^[0-9a-f]{24}$/);
    expect(loadNodeId(dir)).toBe(id);
    expect(readFileSync(join(dir, 'node-id'), 'utf8')).toBe(`${id}\n`);
    expect(statSync(join(dir, 'node-id')).mode & 0o777).toBe(0o600);
    expect(loadNodeId(tempDir())).not.toBe(id);
  });

  it('keeps an id the operator wrote, and refuses a damaged file saying what it must hold', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'node-id'), 'eu-west-1.node_2\n');
    expect(loadNodeId(dir)).toBe('eu-west-1.node_2');
    writeFileSync(join(dir, 'node-id'), 'two words');
    expect(() => loadNodeId(dir)).toThrow(/node-id must hold the node id: 1 to 64 letters/);
  });
});
