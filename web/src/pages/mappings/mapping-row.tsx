// One mapping in the list: its switch, name (to edit), action, trigger, move up/down and delete with a confirmation.
import { useState } from 'react';
import { Link } from 'wouter';
import type { MappingSpec } from '../../api/types.js';

interface Props {
  mapping: MappingSpec;
  actionTitle: string;
  defaultTrigger?: string;
  first: boolean;
  last: boolean;
  disabled: boolean;
  onToggle: (enabled: boolean) => Promise<unknown>;
  onMove: (by: -1 | 1) => void;
  onDelete: () => void;
}

export const editHref = (name: string) => `/mappings/edit/${encodeURIComponent(name)}`;

export function MappingRow({ mapping, actionTitle, defaultTrigger, first, last, disabled, onToggle, onMove, onDelete }: Props) {
  const [confirming, setConfirming] = useState(false);
  // The switch shows the state asked for while the API answers, then the state the API reports (reverted on failure).
  const [asked, setAsked] = useState<boolean>();
  const enabled = asked ?? mapping.enabled;
  const toggle = async (next: boolean) => {
    setAsked(next);
    try {
      await onToggle(next);
    } finally {
      setAsked(undefined);
    }
  };
  const { name } = mapping;
  const trigger = mapping.trigger !== undefined ? (
    <code className="mapping-trigger">{mapping.trigger}</code>
  ) : (
    <span className="hint">
      the action's default{defaultTrigger && <>: <code>{defaultTrigger}</code></>}
    </span>
  );
  return (
    <tr className={mapping.enabled ? undefined : 'mapping-off'}>
      <td>
        <label className="inline switch">
          <input
            type="checkbox"
            role="switch"
            checked={enabled}
            disabled={disabled}
            aria-label={`Enable ${name}`}
            onChange={(event) => void toggle(event.target.checked)}
          />
          <span aria-hidden="true">{enabled ? 'On' : 'Off'}</span>
        </label>
      </td>
      <td>
        <Link href={editHref(name)}>{name}</Link>
        {/* On a phone the Action and Trigger columns fold in here. */}
        <span className="mapping-folded">
          {actionTitle} · {trigger}
        </span>
      </td>
      <td className="mapping-wide">{actionTitle}</td>
      <td className="mapping-wide">{trigger}</td>
      <td>
        {confirming ? (
          <div className="row" role="group" aria-label={`Confirm deleting ${name}`}>
            <span>Delete {name}? Its events stop being sent.</span>
            <button type="button" className="danger" autoFocus disabled={disabled} onClick={() => { setConfirming(false); onDelete(); }}>
              Delete {name}
            </button>
            <button type="button" className="secondary" onClick={() => setConfirming(false)}>
              Keep it
            </button>
          </div>
        ) : (
          <div className="row mapping-actions">
            <button type="button" className="secondary icon" disabled={disabled || first} aria-label={`Move ${name} up`} onClick={() => onMove(-1)}>
              ↑
            </button>
            <button type="button" className="secondary icon" disabled={disabled || last} aria-label={`Move ${name} down`} onClick={() => onMove(1)}>
              ↓
            </button>
            <Link href={editHref(name)} className="button secondary" aria-label={`Edit ${name}`}>
              Edit
            </Link>
            <button type="button" className="secondary" disabled={disabled} aria-label={`Delete ${name}`} onClick={() => setConfirming(true)}>
              Delete
            </button>
          </div>
        )}
      </td>
    </tr>
  );
}
