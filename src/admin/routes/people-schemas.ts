// TypeBox schemas of the people routes (R23): an erasure request, its record, and suppressions.
import { Type } from '@sinclair/typebox';

const time = (description: string) => Type.String({ format: 'date-time', description });
const identifier = (description: string) => Type.Optional(Type.String({ minLength: 1, maxLength: 1024, description }));
const IdentifierKind = Type.Union([Type.Literal('userId'), Type.Literal('anonymousId'), Type.Literal('email')]);

export const EraseBody = Type.Object({
  userId: identifier("Segment's userId (the Intercom contact's external_id)"),
  anonymousId: identifier("Segment's anonymousId (a lead ferry remembers by it)"),
  email: identifier('an email address, compared whatever its case'),
  destinations: Type.Optional(Type.Array(Type.String({ minLength: 1 }), {
    maxItems: 100, description: 'destination ids to delete the person at; default: every destination',
  })),
});

const Counts = Type.Object({
  events: Type.Integer(), jobs: Type.Integer(), attempts: Type.Integer(),
  identities: Type.Integer({ description: 'identity cache entries (contact keys and company attachments)' }),
});

export const Erasure = Type.Object({
  id: Type.Integer(),
  at: time('when it was asked for'),
  actor: Type.String({ description: "'admin' (the admin API) or 'cli' (ferry delete-person)" }),
  identifierKind: IdentifierKind,
  destinations: Type.Array(Type.Object({
    destinationId: Type.String(),
    status: Type.Union(['deleted', 'not-found', 'credentials-refused', 'failed', 'skipped'].map((s) => Type.Literal(s))),
    httpStatus: Type.Optional(Type.Integer({ description: "the destination's last HTTP answer" })),
    reason: Type.Optional(Type.String()),
  })),
  deleted: Counts,
  suppressionId: Type.Union([Type.Integer(), Type.Null()]),
});

export const Suppression = Type.Object({
  id: Type.Integer(),
  kind: IdentifierKind,
  hash: Type.String({ description: 'HMAC-SHA256 of the identifier with the secret key: the identifier is not kept' }),
  createdAt: time('when it was recorded'),
});

export const SuppressionParams = Type.Object({ id: Type.Integer({ minimum: 1, description: 'the suppression id' }) });
