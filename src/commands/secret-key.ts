// FERRY_SECRET_KEY: encrypts secrets at rest and signs OAuth states; generated into the data dir when unset.
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from '../telemetry/logger.js';

function parseKey(text: string, where: string): Buffer {
  const trimmed = text.trim();
  const key = /^[0-9a-f]{64}$/i.test(trimmed) ? Buffer.from(trimmed, 'hex') : Buffer.from(trimmed, 'base64');
  if (key.length !== 32) throw new Error(`${where} must be 32 bytes, as 64 hex digits or base64 (got ${key.length} bytes)`);
  return key;
}

export function loadSecretKey(dataDir: string, logger: Logger, env: NodeJS.ProcessEnv = process.env): Buffer {
  if (env.FERRY_SECRET_KEY) return parseKey(env.FERRY_SECRET_KEY, 'FERRY_SECRET_KEY');
  const file = join(dataDir, 'secret.key');
  if (existsSync(file)) return parseKey(readFileSync(file, 'utf8'), file);
  const key = randomBytes(32);
  writeFileSync(file, key.toString('base64'), { mode: 0o600, flag: 'wx' });
  logger.warn({ file }, 'FERRY_SECRET_KEY is not set: generated one into the data dir (back it up: secrets stored with it cannot be read without it)');
  return key;
}
