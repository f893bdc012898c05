// analytics.js for browsers: the pinned @segment/analytics-next standalone build and its chunks, read once, kept in memory.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';

export interface Asset {
  body: Buffer;
  gzip: Buffer;
  etag: string;
}

/**
 * Prepended to the bundle. analytics-next finds its CDN (settings, chunks) in the src of its script tag, but only an
 * https one; over plain http it would fall back to cdn.segment.com. So the CDN is set to wherever this script was loaded
 * from, unless the page chose one (`analytics._cdn`). Only the standard global name `analytics` is read that early.
 */
export const PREAMBLE =
  '/* ferry: analytics.js loads its settings and chunks from where this script came from */\n' +
  '(function(){try{var s=document.currentScript,a=window.analytics,' +
  'm=s&&/^(.*)\\/analytics\\.js\\/v1\\//.exec(s.src);if(a&&m&&!a._cdn)a._cdn=m[1]}catch(e){}})();\n';

const require = createRequire(import.meta.url);
const umdDir = () => join(dirname(require.resolve('@segment/analytics-next/package.json')), 'dist', 'umd');

/** The bundle's version, as pinned in package.json. */
export function analyticsNextVersion(): string {
  return (require('@segment/analytics-next/package.json') as { version: string }).version;
}

function toAsset(body: Buffer): Asset {
  return { body, gzip: gzipSync(body), etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"` };
}

let bundle: Asset | undefined;
/** What Segment's snippet loads as analytics.min.js. */
export function loadBundle(): Asset {
  bundle ??= toAsset(Buffer.concat([Buffer.from(PREAMBLE), readFileSync(join(umdDir(), 'standalone.js'))]));
  return bundle;
}

// The chunks the bundle imports on demand (query-string handling, auto-track, middleware...), by content-hashed name.
const CHUNK = /^[\w-]+\.bundle\.[0-9a-f]+\.js$/;
let chunkNames: Set<string> | undefined;
const chunks = new Map<string, Asset>();
/** A chunk of the build by its file name, or undefined when the build has no such chunk. */
export function loadChunk(name: string): Asset | undefined {
  chunkNames ??= new Set(readdirSync(umdDir()).filter((file) => CHUNK.test(file)));
  if (!chunkNames.has(name)) return undefined;
  let chunk = chunks.get(name);
  if (!chunk) chunks.set(name, (chunk = toAsset(readFileSync(join(umdDir(), name)))));
  return chunk;
}
