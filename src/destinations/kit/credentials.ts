// R22 for stored credentials: a secret follows a settings change only when its target (where it is sent) stays the same.
import type { Destination, Settings } from './define-destination.js';

/**
 * The stored secrets among `keys`, with the settings describing them (a token's workspace), to carry into `next`
 * settings — none when `next` sends credentials elsewhere than `stored` did, or when none of `keys` is stored. The
 * caller decides which wins where `next` names a detail itself.
 */
export function credentialsToCarry(definition: Destination, stored: Settings, next: Settings, keys: readonly string[]): Settings {
  if (definition.credentialTarget?.(stored) !== definition.credentialTarget?.(next)) return {};
  const secrets = keys.filter((key) => stored[key] !== undefined);
  if (secrets.length === 0) return {};
  const details = (definition.credentialDetails ?? []).filter((key) => stored[key] !== undefined);
  return Object.fromEntries([...secrets, ...details].map((key) => [key, stored[key]]));
}
