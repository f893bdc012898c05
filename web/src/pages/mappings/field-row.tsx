// One field of the action: its label, type, whether required and what it means, then where its value comes from.
import type { ReactNode } from 'react';
import type { FieldMode, FieldValue } from './field-values.js';
import { valueAtPath } from './field-values.js';
import type { CatalogField } from './mappings-api.js';

interface Props {
  field: CatalogField;
  value: FieldValue;
  sample: unknown;
  disabled: boolean;
  errors: string[];
  apiError: ReactNode;
  onChange: (value: FieldValue) => void;
}

const TYPE_WORDS: Record<CatalogField['type'], string> = {
  string: 'text', number: 'number', boolean: 'true or false', datetime: 'date and time', object: 'object', choice: 'one of',
};

const describeDefault = (value: unknown) => {
  const path = (value as { '@path'?: unknown } | null)?.['@path'];
  return typeof path === 'string' ? path : JSON.stringify(value);
};

export function FieldRow({ field, value, sample, disabled, errors, apiError, onChange }: Props) {
  const id = `field-${field.key}`;
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const describedBy = errors.length > 0 ? `${hintId} ${errorId}` : hintId;
  const setMode = (mode: FieldMode) =>
    onChange({ mode, text: mode === 'static' && field.type === 'boolean' ? 'true' : mode === 'static' && field.choices ? field.choices[0]! : mode === value.mode ? value.text : '' });
  const preview = value.mode === 'path' && sample !== undefined ? valueAtPath(sample, value.text.trim()) : undefined;
  const common = { id, disabled, 'aria-describedby': describedBy, 'aria-invalid': errors.length > 0 || undefined };

  return (
    <div className="field-row" role="group" aria-labelledby={`${id}-title`}>
      <div>
        <h4 id={`${id}-title`}>
          {field.label} {field.required && <span className="required">required</span>}
        </h4>
        <p className="field-meta">
          <code>{field.key}</code> · {TYPE_WORDS[field.type]}
          {field.choices && `: ${field.choices.join(', ')}`}
          {field.format && ` (${field.format})`}
        </p>
        <p className="hint" id={hintId}>{field.description}</p>
      </div>
      <div>
        <div className="field-input">
          <label htmlFor={`${id}-mode`} className="mappings-sr-only">{field.label}: value from</label>
          <select id={`${id}-mode`} value={value.mode} disabled={disabled} onChange={(e) => setMode(e.target.value as FieldMode)}>
            <option value="unset">{field.defaultMapping === undefined ? 'Not set' : 'Default'}</option>
            <option value="path">Event path</option>
            {field.type !== 'object' && <option value="static">Static value</option>}
            <option value="json">Function (JSON)</option>
          </select>
          {value.mode === 'path' && (
            <>
              <label htmlFor={id} className="mappings-sr-only">{field.label}: path in the event</label>
              <input {...common} type="text" list="event-paths" value={value.text} placeholder="$.properties.plan" spellCheck={false}
                onChange={(e) => onChange({ mode: 'path', text: e.target.value })} />
            </>
          )}
          {value.mode === 'static' && (
            <>
              <label htmlFor={id} className="mappings-sr-only">{field.label}: static value</label>
              {field.type === 'boolean' || field.choices ? (
                <select {...common} className="field-static" value={value.text} onChange={(e) => onChange({ mode: 'static', text: e.target.value })}>
                  {(field.choices ?? ['true', 'false']).map((choice) => (
                    <option key={choice} value={choice}>{choice}</option>
                  ))}
                </select>
              ) : (
                <input {...common} type="text" inputMode={field.type === 'number' ? 'decimal' : undefined} value={value.text}
                  onChange={(e) => onChange({ mode: 'static', text: e.target.value })} />
              )}
            </>
          )}
          {value.mode === 'json' && (
            <>
              <label htmlFor={id} className="mappings-sr-only">{field.label}: mapping-kit JSON</label>
              <textarea {...common} rows={Math.min(10, Math.max(3, value.text.split('\n').length))} value={value.text} spellCheck={false}
                placeholder='{"@template": "{{traits.first_name}} {{traits.last_name}}"}'
                onChange={(e) => onChange({ mode: 'json', text: e.target.value })} />
            </>
          )}
        </div>
        {value.mode === 'unset' && (
          <p className="hint">
            {field.defaultMapping === undefined ? 'Nothing is sent for this field.' : <>Uses the default: <code>{describeDefault(field.defaultMapping)}</code></>}
          </p>
        )}
        {value.mode === 'path' && sample !== undefined && value.text.trim() !== '' && (
          <p className="hint">
            In the sample event: <code>{preview === undefined ? 'nothing (not sent)' : JSON.stringify(preview).slice(0, 120)}</code>
          </p>
        )}
        {errors.length > 0 && (
          <div id={errorId}>
            {errors.map((message) => (
              <p key={message} className="field-error">{message}</p>
            ))}
          </div>
        )}
        {apiError}
      </div>
    </div>
  );
}
