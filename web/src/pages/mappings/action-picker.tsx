// The action a mapping performs, chosen from the destination type's actions (title and what it does).
import type { CatalogAction } from './mappings-api.js';

interface Props {
  actions: CatalogAction[];
  value: string;
  onChange: (action: CatalogAction) => void;
}

export function ActionPicker({ actions, value, onChange }: Props) {
  return (
    <fieldset className="action-picker">
      <legend>Action</legend>
      <p className="hint">Changing the action starts its trigger and fields again from its defaults.</p>
      <div className="action-choices">
        {actions.map((action) => (
          <label key={action.key}>
            <input type="radio" name="mapping-action" value={action.key} checked={value === action.key} onChange={() => onChange(action)} />
            <span>
              <strong>{action.title}</strong>
              <span className="hint">{action.description}</span>
            </span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}
