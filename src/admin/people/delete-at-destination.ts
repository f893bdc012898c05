// R21 for one destination of an erasure: its definition's delete, answered as a status without personal data.
import { EndpointRefusedError } from '../../destinations/kit/endpoint-policy.js';
import type { ErasureAtDestination, PersonIdentifier, StoredDestination } from '../../store/types.js';
import type { ErasureDeps } from './erase-person.js';

const REASON_CHARS = 300;

/** A reason to keep in the erasure log: the person's identifier never in it, and short. */
export function cleanReason(reason: string, person: PersonIdentifier): string {
  const cleaned = reason.split(person.value).join('[erased]');
  const lowered = person.kind === 'email' ? cleaned.replace(new RegExp(escape(person.value), 'gi'), '[erased]') : cleaned;
  return lowered.length > REASON_CHARS ? `${lowered.slice(0, REASON_CHARS - 1)}…` : lowered;
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export async function deleteAtDestination(
  deps: ErasureDeps,
  destination: StoredDestination,
  person: PersonIdentifier,
): Promise<ErasureAtDestination> {
  const result = (status: ErasureAtDestination['status'], extra: Partial<ErasureAtDestination> = {}): ErasureAtDestination =>
    ({ destinationId: destination.id, status, ...extra });
  const definition = deps.registry.find(destination.type);
  if (!definition?.onDelete) return result('skipped', { reason: `a ${destination.type} destination cannot delete a person` });
  const settings = deps.settingsFor?.(destination) ?? destination.settings;
  if (!definition.hasCredentials(settings)) {
    return result('skipped', { reason: `the destination has no credentials (${definition.missingCredentials.path})` });
  }
  let client;
  try {
    client = definition.createClient(settings, { endpointPolicy: deps.endpointPolicy });
  } catch (error) {
    if (!(error instanceof EndpointRefusedError)) throw error;
    return result('failed', { reason: `settings.endpoint: ${error.message}` });
  }
  let httpStatus: number | undefined;
  const api = {
    request: async (...args: Parameters<typeof client.request>) => {
      const response = await client.request(...args);
      httpStatus = response.status;
      return response;
    },
  };
  const answered = () => (httpStatus === undefined ? {} : { httpStatus });
  try {
    const context = definition.actionContext({
      api, cache: deps.store.identityCache(), destinationId: destination.id, event: {}, warn: () => {}, settings,
    });
    const outcome = await definition.onDelete(person, context);
    return result(outcome, answered());
  } catch (error) {
    const verdict = definition.classify(error);
    const reason = cleanReason(verdict?.reason ?? (error as Error).message, person);
    // R18 pauses a destination whose credentials are refused; here the operator who asked is told instead.
    return result(verdict?.kind === 'paused' ? 'credentials-refused' : 'failed', { ...answered(), reason });
  } finally {
    await client.close();
  }
}
