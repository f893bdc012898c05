// What the admin routes ask the registry about one stored destination: its definition, its settings, a client.
import type { DestinationSettings } from '../config/model.js';
import type { Destination } from '../destinations/kit/define-destination.js';
import type { DestinationClient } from '../destinations/kit/exchange.js';
import type { StoredDestination } from '../store/types.js';
import type { AdminDeps } from './deps.js';

export const definitionOf = (deps: AdminDeps, destination: Pick<StoredDestination, 'type'>): Destination =>
  deps.registry.get(destination.type);

/** The settings the destination delivers with (sandbox mode applied). */
export const deliverySettings = (deps: AdminDeps, destination: StoredDestination): DestinationSettings =>
  deps.settingsFor?.(destination) ?? destination.settings;

/** A client for the destination as it delivers; the caller closes it. Throws EndpointRefusedError (R22). */
export const clientFor = (deps: AdminDeps, destination: StoredDestination): DestinationClient =>
  definitionOf(deps, destination).createClient(deliverySettings(deps, destination), { endpointPolicy: deps.endpointPolicy });

/** The mappings a destination without any uses: its definition's presets, as copies. */
export const presetsOf = (deps: AdminDeps, destination: Pick<StoredDestination, 'type'>) =>
  definitionOf(deps, destination).presets.map((preset) => structuredClone({ ...preset }));
