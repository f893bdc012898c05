// The people routes (R23): erase a person, list the erasures, list and lift suppressions.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type, type Static } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { at, FerryError } from '../../errors.js';
import type { Suppressions } from '../../ingest/suppressions.js';
import type { ErasureRecord, PersonIdentifier, PersonIdentifierKind, Suppression as StoredSuppression } from '../../store/types.js';
import type { AdminDeps } from '../deps.js';
import { notFound } from '../errors.js';
import { erasePerson } from '../people/erase-person.js';
import { refuseUnknownKeys } from './mapping-edits.js';
import { errors } from './delivery-schemas.js';
import { EraseBody, Erasure, Suppression, SuppressionParams } from './people-schemas.js';

const erasureView = (record: ErasureRecord) => ({ ...record, at: record.at.toISOString() });
const suppressionView = (s: StoredSuppression) => ({ ...s, createdAt: s.createdAt.toISOString() });

const KINDS: readonly PersonIdentifierKind[] = ['userId', 'anonymousId', 'email'];

/** Exactly one of userId, anonymousId, email: the person to erase; a 400 naming the field otherwise. */
export function personOf(body: Static<typeof EraseBody>): PersonIdentifier {
  const given = KINDS.filter((kind) => body[kind] !== undefined);
  if (given.length === 0) {
    throw new FerryError('FERRY_ERR_REQUEST_INVALID', 'body.userId: give one of userId, anonymousId or email', at('userId'));
  }
  if (given.length > 1) {
    const message = `body.${given[1]}: give only one of userId, anonymousId or email (got ${given.join(' and ')})`;
    throw new FerryError('FERRY_ERR_REQUEST_INVALID', message, at(given[1]));
  }
  const kind = given[0]!;
  const value = body[kind]!;
  if (kind === 'email' && !/^[^@\s]+@[^@\s]+$/.test(value.trim())) {
    throw new FerryError('FERRY_ERR_REQUEST_INVALID', 'body.email: not an email address', at('email'));
  }
  return { kind, value };
}

export function registerPeopleRoutes(api: FastifyInstance, deps: AdminDeps, suppressions: Suppressions): void {
  const app = api.withTypeProvider<TypeBoxTypeProvider>();

  app.post('/people/delete', {
    schema: {
      tags: ['people'],
      summary: "Erase a person (R23): delete their contact at each destination (R21), ferry's copies, and suppress them",
      description:
        'Exactly one of userId, anonymousId, email. Later events of that identifier are acknowledged but neither ' +
        'stored nor delivered until the suppression is lifted. Answers the erasure as it is logged (no personal data): ' +
        'a destination that failed is reported in `destinations`, the rest is done.',
      body: EraseBody,
      response: { 200: Erasure, ...errors(400, 401) },
    },
    preValidation: refuseUnknownKeys(Object.keys(EraseBody.properties)),
  }, async (request) => {
    const person = personOf(request.body);
    const record = await erasePerson(
      { ...deps, suppressions },
      { person, destinations: request.body.destinations, actor: 'admin' },
    );
    request.log.info({ erasure: record.id, destinations: record.destinations.map((d) => d.status) }, 'erased a person');
    return erasureView(record);
  });

  app.get('/people/erasures', {
    schema: {
      tags: ['people'], summary: 'The erasures made, newest first (who, when, what was deleted; never who was erased)',
      response: { 200: Type.Object({ erasures: Type.Array(Erasure) }), ...errors(401) },
    },
  }, async () => ({ erasures: (await deps.store.listErasures()).map(erasureView) }));

  app.get('/people/suppressions', {
    schema: {
      tags: ['people'], summary: 'The suppressions in force: their kind and keyed hash, never the identifier',
      response: { 200: Type.Object({ suppressions: Type.Array(Suppression) }), ...errors(401) },
    },
  }, async () => ({ suppressions: (await suppressions.list()).map(suppressionView) }));

  app.delete('/people/suppressions/:id', {
    schema: {
      tags: ['people'], summary: "Lift a suppression: the person's next events are stored and delivered again",
      params: SuppressionParams, response: { 204: Type.Null(), ...errors(400, 401, 404) },
    },
  }, async (request, reply) => {
    if (!(await suppressions.lift(request.params.id))) throw notFound('suppression', request.params.id);
    return reply.status(204).send(null);
  });
}
