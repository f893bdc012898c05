// R23: erasing a person — suppress, remove ferry's copies, delete them at each destination (R21), record it all.
import type { DestinationSettings } from '../../config/model.js';
import { at, FerryError } from '../../errors.js';
import type { Suppressions } from '../../ingest/suppressions.js';
import type { Registry } from '../../destinations/registry.js';
import type { EndpointPolicy } from '../../destinations/kit/endpoint-policy.js';
import type {
  ConfigStore, ErasedCounts, ErasureAtDestination, ErasureRecord, IdentityStore, PeopleStore, PersonIdentifier,
  StoredDestination,
} from '../../store/types.js';
import { deleteAtDestination } from './delete-at-destination.js';

export interface ErasureDeps {
  store: Pick<ConfigStore, 'listDestinations'> & IdentityStore & Pick<PeopleStore, 'erasePersonData' | 'recordErasure'>;
  suppressions: Pick<Suppressions, 'add'>;
  registry: Registry;
  endpointPolicy: EndpointPolicy;
  /** The settings a destination delivers with (sandbox mode fills in its sandbox's); default: as stored. */
  settingsFor?(destination: StoredDestination): DestinationSettings;
  now?: () => Date;
}

export interface ErasureRequest {
  person: PersonIdentifier;
  /** Destination ids to delete the person at; absent: every destination. */
  destinations?: readonly string[];
  /** Who asked: 'admin' (the admin API) or 'cli'. */
  actor: string;
}

const sum = (a: ErasedCounts, b: ErasedCounts): ErasedCounts => ({
  events: a.events + b.events,
  jobs: a.jobs + b.jobs,
  attempts: a.attempts + b.attempts,
  identities: a.identities + b.identities,
});

/** The destinations asked for, in the order given (each once); an unknown id is a 400 naming its place in the list. */
export function chosenDestinations(stored: readonly StoredDestination[], ids?: readonly string[]): StoredDestination[] {
  if (ids === undefined) return [...stored];
  return [...new Set(ids)].map((id) => {
    const found = stored.find((d) => d.id === id);
    if (found) return found;
    const message = `destinations[${ids.indexOf(id)}]: there is no destination '${id}'`;
    throw new FerryError('FERRY_ERR_REQUEST_INVALID', message, at(`destinations[${ids.indexOf(id)}]`));
  });
}

const touched = (counts: ErasedCounts) => counts.events + counts.jobs + counts.identities > 0;

/** A later round's answer replaces the first one's only when it says more: the contact deleted then, or a failure. */
const merged = (first: ErasureAtDestination, later: ErasureAtDestination) =>
  later.status === 'not-found' || later.status === 'skipped' ? first : later;

/**
 * The suppression comes first, so ingest stores nothing more of the person; ferry's copies go next, so no delivery
 * starts; then each destination deletes its contact. A delivery already in flight may have found or re-created the
 * contact meanwhile: the copies are erased once more, and when that found anything (the in-flight delivery left its
 * trace), each destination deletes again, once.
 */
export async function erasePerson(deps: ErasureDeps, request: ErasureRequest): Promise<ErasureRecord> {
  const now = deps.now?.() ?? new Date();
  const destinations = chosenDestinations(await deps.store.listDestinations(), request.destinations);
  const suppression = await deps.suppressions.add(request.person.kind, request.person.value, now);
  const deleteEverywhere = async () => {
    const answers: ErasureAtDestination[] = [];
    for (const destination of destinations) answers.push(await deleteAtDestination(deps, destination, request.person));
    return answers;
  };
  let deleted = await deps.store.erasePersonData(request.person);
  let results = await deleteEverywhere();
  const left = await deps.store.erasePersonData(request.person);
  deleted = sum(deleted, left);
  if (touched(left)) {
    const again = await deleteEverywhere();
    results = results.map((first, i) => merged(first, again[i]!));
    deleted = sum(deleted, await deps.store.erasePersonData(request.person));
  }
  return deps.store.recordErasure({
    at: now,
    actor: request.actor,
    identifierKind: request.person.kind,
    destinations: results,
    deleted,
    suppressionId: suppression.id,
  });
}
