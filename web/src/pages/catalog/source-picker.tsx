// The sources that feed a destination: every source (also later ones), or the ones checked; used by Configure and Settings.
import type { ReactNode } from 'react';
import { Link } from 'wouter';
import type { Source } from '../../api/types.js';
import './source-picker.css';

export interface SourceChoice {
  everySource: boolean;
  picked: string[];
}

/** The API's `sources`: null for every source, else the ids picked. */
export const sourcesOf = (choice: SourceChoice): string[] | null => (choice.everySource ? null : choice.picked);

/** The choice a destination's `sources` makes (absent or null: every source). */
export const choiceOf = (sources: string[] | null | undefined): SourceChoice =>
  sources === null || sources === undefined ? { everySource: true, picked: [] } : { everySource: false, picked: [...sources] };

interface Props {
  /** Prefixes the ids: `${idPrefix}-sources` is the first input (focused on a problem), `${idPrefix}-sources-error` the problem. */
  idPrefix: string;
  sources: Source[];
  choice: SourceChoice;
  onChange: (choice: SourceChoice) => void;
  /** The problem to show under the choices, if any. */
  error?: ReactNode;
  legend?: string;
}

export function SourcePicker({ idPrefix, sources, choice, onChange, error, legend = 'Sources that feed it' }: Props) {
  const { everySource, picked } = choice;
  const toggle = (id: string, on: boolean) =>
    onChange({ everySource, picked: on ? [...picked, id] : picked.filter((other) => other !== id) });
  return (
    <fieldset className="source-picker" aria-describedby={error ? `${idPrefix}-sources-error` : undefined}>
      <legend>{legend}</legend>
      {sources.length === 0 && (
        <p className="hint">
          There is no source yet: <Link href="~/sources">add one</Link>, or choose every source to receive the ones you add later.
        </p>
      )}
      <div className="choice">
        <label className="inline">
          <input id={`${idPrefix}-sources`} type="radio" name={`${idPrefix}-source-choice`} checked={everySource} onChange={() => onChange({ everySource: true, picked })} />
          Every source, also the ones added later
        </label>
      </div>
      <div className="choice">
        <label className="inline">
          <input type="radio" name={`${idPrefix}-source-choice`} checked={!everySource} onChange={() => onChange({ everySource: false, picked })} />
          Only the sources picked here
        </label>
        <ul className="picker-sources">
          {sources.map((source) => (
            <li key={source.id}>
              <label className="inline">
                <input
                  type="checkbox"
                  disabled={everySource}
                  checked={!everySource && picked.includes(source.id)}
                  onChange={(event) => toggle(source.id, event.target.checked)}
                />
                {source.name ?? source.id}
                {source.name && <span className="hint"> ({source.id})</span>}
              </label>
            </li>
          ))}
        </ul>
      </div>
      {error && (
        <div className="field-error" id={`${idPrefix}-sources-error`}>
          {error}
        </div>
      )}
    </fieldset>
  );
}
