// Field declarations: each field is a TypeBox schema carrying its label, description and default mapping, so one
// declaration gives the JSON schema, the payload's TypeScript type, validation, and (later) the UI form and docs.
import { Type, type TLiteral, type TUnion } from '@sinclair/typebox';

export interface FieldMeta {
  label: string;
  description: string;
  /** The mapping-kit value used when a saved mapping omits this field (Segment's "default"). */
  defaultMapping?: unknown;
}

const options = (meta: FieldMeta, extra: Record<string, unknown> = {}) => ({
  title: meta.label,
  description: meta.description,
  ...(meta.defaultMapping === undefined ? {} : { defaultMapping: meta.defaultMapping }),
  ...extra,
});

export const field = {
  string: (meta: FieldMeta, extra?: { format?: 'email' | 'uri' }) => Type.String(options(meta, extra)),
  number: (meta: FieldMeta) => Type.Number(options(meta)),
  boolean: (meta: FieldMeta) => Type.Boolean(options(meta)),
  /** ISO-8601 text, unix seconds or milliseconds, or a numeric string (normalized by toUnixSeconds). */
  datetime: (meta: FieldMeta) => Type.Union([Type.String(), Type.Number()], options(meta, { format: 'date-time' })),
  object: (meta: FieldMeta) => Type.Record(Type.String(), Type.Unknown(), options(meta)),
  choice: <const T extends string>(values: readonly T[], meta: FieldMeta) =>
    Type.Union(
      values.map((v) => Type.Literal(v)),
      options(meta, { choices: values }),
    ) as TUnion<TLiteral<T>[]>,
};
