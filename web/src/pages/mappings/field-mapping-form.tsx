// The action's fields, each with where its value comes from; paths of the sample event are offered as suggestions.
import { useMemo, type ReactNode } from 'react';
import { FieldRow } from './field-row.js';
import { pathsOf, type FieldValue } from './field-values.js';
import type { CatalogField } from './mappings-api.js';

interface Props {
  fields: CatalogField[];
  values: Record<string, FieldValue>;
  sample: unknown;
  disabled: boolean;
  errors: Record<string, string[]>;
  /** The API's refusal of a field, shown in its row. */
  apiErrorOf: (key: string) => ReactNode;
  onChange: (key: string, value: FieldValue) => void;
}

export function FieldMappingForm({ fields, values, sample, disabled, errors, apiErrorOf, onChange }: Props) {
  const paths = useMemo(() => (sample === undefined ? [] : pathsOf(sample)), [sample]);
  return (
    <div className="field-mapping">
      <datalist id="event-paths">
        {paths.map((path) => (
          <option key={path} value={path} />
        ))}
      </datalist>
      {fields.map((field) => (
        <FieldRow
          key={field.key}
          field={field}
          value={values[field.key] ?? { mode: 'unset', text: '' }}
          sample={sample}
          disabled={disabled}
          errors={errors[field.key] ?? []}
          apiError={apiErrorOf(field.key)}
          onChange={(value) => onChange(field.key, value)}
        />
      ))}
    </div>
  );
}
