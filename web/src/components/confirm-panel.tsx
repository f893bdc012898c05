// An inline confirmation: what will happen in words, the button that does it, and Cancel; focus moves to it.
import { useEffect, useRef, type ReactNode } from 'react';

interface Props {
  /** Ids of its title and text (default: from the title). */
  id?: string;
  title: string;
  children: ReactNode;
  confirmLabel: string;
  danger?: boolean;
  busy?: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}

export function ConfirmPanel({ id: given, title, children, confirmLabel, danger, busy, onConfirm, onCancel }: Props) {
  const id = given ?? `confirm-${title.replace(/[^A-Za-z0-9]+/g, '-')}`;
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  return (
    <div className="confirm-panel" role="group" aria-labelledby={`${id}-title`} aria-describedby={`${id}-text`}>
      <h4 id={`${id}-title`} tabIndex={-1} ref={heading}>
        {title}
      </h4>
      <div id={`${id}-text`}>{children}</div>
      <p className="row">
        <button type="button" className={danger ? 'danger' : undefined} onClick={onConfirm} disabled={busy}>
          {busy ? 'Working…' : confirmLabel}
        </button>
        <button type="button" className="secondary" onClick={onCancel}>
          Cancel
        </button>
      </p>
    </div>
  );
}
