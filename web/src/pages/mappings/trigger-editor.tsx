// The trigger: a condition builder (all/any) that writes Segment's FQL, or the FQL itself for what the builder cannot show.
import { useState } from 'react';
import { ConditionRow } from './condition-row.js';
import { conditionProblems, conditionsToFql, fqlToConditions, newCondition, type TriggerModel } from './trigger-conditions.js';

interface Props {
  fql: string;
  disabled: boolean;
  /** Server or check messages about the trigger, shown below it. */
  errors: string[];
  onChange: (fql: string, problems: string[]) => void;
}

export function TriggerEditor({ fql, disabled, errors, onChange }: Props) {
  const [model, setModel] = useState<TriggerModel | undefined>(() => fqlToConditions(fql));
  const [mode, setMode] = useState<'builder' | 'fql'>(() => (fqlToConditions(fql) ? 'builder' : 'fql'));
  const [notice, setNotice] = useState('');

  const update = (next: TriggerModel) => {
    setModel(next);
    const problems = conditionProblems(next);
    onChange(problems.length === 0 ? conditionsToFql(next) : fql, problems);
  };
  const toText = () => {
    setNotice('');
    setMode('fql');
    onChange(fql, []);
  };
  const toBuilder = () => {
    const read = fqlToConditions(fql);
    if (!read) {
      setNotice('The builder cannot show this trigger (groups in parentheses, mixed and/or, or invalid FQL): edit it as FQL.');
      return;
    }
    setNotice('');
    setModel(read);
    setMode('builder');
  };

  return (
    <div className="trigger-editor">
      <div className="row" role="group" aria-label="How to edit the trigger">
        <button type="button" className={mode === 'builder' ? undefined : 'secondary'} aria-pressed={mode === 'builder'} onClick={toBuilder}>
          Condition builder
        </button>
        <button type="button" className={mode === 'fql' ? undefined : 'secondary'} aria-pressed={mode === 'fql'} onClick={toText}>
          FQL
        </button>
      </div>
      {notice && <p className="field-error" role="alert">{notice}</p>}
      {mode === 'builder' && model ? (
        <>
          <fieldset className="join-choice" disabled={disabled}>
            <legend>Send events matching</legend>
            {(['and', 'or'] as const).map((join) => (
              <label key={join} className="inline">
                <input type="radio" name="trigger-join" value={join} checked={model.join === join} onChange={() => update({ ...model, join })} />
                {join === 'and' ? 'all conditions' : 'any condition'}
              </label>
            ))}
          </fieldset>
          {model.conditions.map((condition, index) => (
            <ConditionRow
              key={index}
              index={index}
              condition={condition}
              disabled={disabled}
              onChange={(next) => update({ ...model, conditions: model.conditions.map((c, i) => (i === index ? next : c)) })}
              onRemove={() => update({ ...model, conditions: model.conditions.filter((_, i) => i !== index) })}
            />
          ))}
          <button type="button" className="secondary" disabled={disabled} onClick={() => update({ ...model, conditions: [...model.conditions, newCondition()] })}>
            Add condition
          </button>
          <p className="hint">
            FQL: <code aria-live="polite">{conditionProblems(model).length === 0 ? conditionsToFql(model) : 'incomplete'}</code>
          </p>
        </>
      ) : (
        <>
          <label htmlFor="trigger-fql">Trigger (FQL)</label>
          <textarea id="trigger-fql" rows={3} value={fql} disabled={disabled} aria-describedby="trigger-fql-hint"
            onChange={(e) => onChange(e.target.value, [])} />
          <p className="hint" id="trigger-fql-hint">
            Segment's FQL, e.g. <code>type = "track" and event = "Order Completed"</code>; operators = != &lt; &gt; &lt;= &gt;=,
            <code> contains()</code>, <code>match()</code>, <code>!= null</code> for "exists"; and, or, parentheses.
          </p>
        </>
      )}
      {errors.map((message) => (
        <p key={message} className="field-error">{message}</p>
      ))}
    </div>
  );
}
