// An inline confirmation: says what will happen, takes the focus, and offers the action and Cancel.
import { useEffect, useRef, type ReactNode } from 'react';

export function ConfirmPanel(props: {
  title: string;
  children: ReactNode;
  confirmLabel: string;
  danger?: boolean;
  busy?: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  const id = `confirm-${props.title.replace(/[^A-Za-z0-9]+/g, '-')}`;
  return (
    <div className="notice confirm-panel" role="group" aria-labelledby={id}>
      <h4 id={id} tabIndex={-1} ref={heading}>
        {props.title}
      </h4>
      {props.children}
      <p className="row">
        <button type="button" className={props.danger ? 'danger' : undefined} onClick={props.onConfirm} disabled={props.busy}>
          {props.busy ? 'Working…' : props.confirmLabel}
        </button>
        <button type="button" className="secondary" onClick={props.onCancel}>
          Cancel
        </button>
      </p>
    </div>
  );
}
