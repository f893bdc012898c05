// Identifiers shaped like Intercom's: 24 hex digits for objects, opaque strings for tokens and codes.
import { randomBytes } from 'node:crypto';

let counter = randomBytes(3).readUIntBE(0, 3);

/** A 24-hex-digit id like Intercom's contact and company ids; increasing within a process, so ids sort by age. */
export function newObjectId(): string {
  counter = (counter + 1) % 0x1000000;
  const seconds = Math.floor(Date.now() / 1000).toString(16).padStart(8, '0');
  return seconds + counter.toString(16).padStart(6, '0') + randomBytes(5).toString('hex');
}
