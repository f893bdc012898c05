// Sealing a destination's secret settings for the database (any store) and opening them on read.
import type { DestinationSettings } from '../config/model.js';
import { FerryError } from '../errors.js';
import { checkSecretKey, isSealed, openSecret, sealSecret } from './secrets.js';

/** The settings keys of a destination type whose values are secrets: the destination registry's answer. */
export type SecretSettingsOf = (type: string) => readonly string[];

// Without the registry's answer, a key that names a credential is a secret: better sealed once too often than stored plain.
const CREDENTIAL_NAME = /(token|secret|password|apikey|privatekey)$/i;
const credentialNames = (settings: DestinationSettings) => Object.keys(settings).filter((key) => CREDENTIAL_NAME.test(key));

type Settings = DestinationSettings & Record<string, unknown>;

export class SettingsSealer {
  constructor(
    private readonly key: Buffer | undefined,
    /** Which settings each destination type declares secret (default: those whose key names a credential). */
    private readonly secretsOf?: SecretSettingsOf,
  ) {
    if (key !== undefined) checkSecretKey(key);
  }

  /**
   * `settings` as they go into the database. A secret equal to the one already stored keeps its stored ciphertext, so
   * re-applying the same config writes nothing (a fresh IV would make every apply a change).
   */
  seal(destinationId: string, settings: DestinationSettings, stored?: DestinationSettings, type?: string): DestinationSettings {
    const sealed: Settings = { ...settings };
    const secrets = this.secretsOf && type !== undefined ? this.secretsOf(type) : credentialNames(settings);
    for (const name of secrets) {
      const value = sealed[name];
      if (typeof value !== 'string') continue;
      const before = (stored as Settings | undefined)?.[name];
      if (typeof before === 'string' && this.sameSecret(before, value, destinationId, name)) {
        sealed[name] = before;
        continue;
      }
      if (this.key === undefined) {
        throw new FerryError(
          'FERRY_ERR_SECRET',
          `cannot store the ${name} of destination "${destinationId}": the store was opened without a secret key ` +
            '(FERRY_SECRET_KEY), and secrets are never stored in plaintext',
          {},
          500,
        );
      }
      sealed[name] = sealSecret(value, this.key, context(destinationId, name));
    }
    return sealed;
  }

  /**
   * Stored settings with their secrets decrypted: every sealed value is one, whatever the type declares now
   * (plaintext from before encryption passes as it is).
   */
  open(destinationId: string, settings: DestinationSettings): DestinationSettings {
    const opened: Settings = { ...settings };
    for (const [name, value] of Object.entries(opened)) {
      if (typeof value === 'string' && isSealed(value)) opened[name] = openSecret(value, this.key, context(destinationId, name));
    }
    return opened;
  }

  private sameSecret(stored: string, plaintext: string, destinationId: string, name: string): boolean {
    if (!isSealed(stored) || this.key === undefined) return false;
    try {
      return openSecret(stored, this.key, context(destinationId, name)) === plaintext;
    } catch {
      // Unreadable (another key): the new value replaces it.
      return false;
    }
  }
}

const context = (destinationId: string, name: string) => `${name} of destination "${destinationId}"`;
