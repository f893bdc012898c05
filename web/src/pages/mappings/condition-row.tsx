// One condition of the trigger builder: what to compare, how, and with what; each part labelled for screen readers.
import { EVENT_TYPES, SUBJECTS, operatorsFor, type Operator, type Subject, type TriggerCondition } from './trigger-conditions.js';

interface Props {
  index: number;
  condition: TriggerCondition;
  disabled: boolean;
  onChange: (condition: TriggerCondition) => void;
  onRemove: () => void;
}

export function ConditionRow({ index, condition, disabled, onChange, onRemove }: Props) {
  const id = `condition-${index}`;
  const subject = SUBJECTS.find((s) => s.value === condition.subject)!;
  const operators = operatorsFor(condition.subject);
  const operator = operators.find((o) => o.value === condition.operator) ?? operators[0]!;
  const number = index + 1;
  const setSubject = (value: Subject) => {
    const allowed = operatorsFor(value).some((o) => o.value === condition.operator);
    onChange({ ...condition, subject: value, operator: allowed ? condition.operator : '=', value: value === 'event-type' ? 'track' : condition.value });
  };
  return (
    <div className="condition" role="group" aria-label={`Condition ${number}`}>
      <div>
        <label htmlFor={`${id}-subject`}>Condition {number}: field</label>
        <select id={`${id}-subject`} value={condition.subject} disabled={disabled} onChange={(e) => setSubject(e.target.value as Subject)}>
          {SUBJECTS.map((s) => (
            <option key={s.value} value={s.value}>{s.label}</option>
          ))}
        </select>
      </div>
      <div>
        {subject.named ? (
          <>
            <label htmlFor={`${id}-name`}>Condition {number}: key</label>
            <input id={`${id}-name`} type="text" value={condition.name} disabled={disabled} placeholder="plan"
              onChange={(e) => onChange({ ...condition, name: e.target.value })} />
          </>
        ) : null}
      </div>
      <div>
        <label htmlFor={`${id}-operator`}>Condition {number}: operator</label>
        <select id={`${id}-operator`} value={operator.value} disabled={disabled} onChange={(e) => onChange({ ...condition, operator: e.target.value as Operator })}>
          {operators.map((o) => (
            <option key={o.value} value={o.value}>{o.label}</option>
          ))}
        </select>
      </div>
      <div>
        {operator.takesValue && (
          <>
            <label htmlFor={`${id}-value`}>Condition {number}: value</label>
            {condition.subject === 'event-type' ? (
              <select id={`${id}-value`} value={condition.value} disabled={disabled} onChange={(e) => onChange({ ...condition, value: e.target.value })}>
                {EVENT_TYPES.map((t) => (
                  <option key={t} value={t}>{t}</option>
                ))}
              </select>
            ) : (
              <input id={`${id}-value`} type="text" inputMode={operator.numeric ? 'decimal' : undefined} value={condition.value} disabled={disabled}
                onChange={(e) => onChange({ ...condition, value: e.target.value })} />
            )}
          </>
        )}
      </div>
      <button type="button" className="secondary" disabled={disabled} onClick={onRemove} aria-label={`Remove condition ${number}`}>
        Remove
      </button>
    </div>
  );
}
