// A whole write key, shown once (after create or rotate) with a Copy button and the warning that it will not be shown again.
import { useEffect, useRef } from 'react';
import { Link } from 'wouter';
import { CopyButton } from './copy-button.js';

export function NewKeyNotice({ sourceId, writeKey, what, onDone }: { sourceId: string; writeKey: string; what: string; onDone: () => void }) {
  const heading = useRef<HTMLHeadingElement>(null);
  // The notice takes the focus: a keyboard or screen-reader user lands on the key at once.
  useEffect(() => heading.current?.focus(), []);
  return (
    <div className="notice new-key" role="region" aria-labelledby={`new-key-${sourceId}`}>
      <h3 id={`new-key-${sourceId}`} tabIndex={-1} ref={heading}>
        {what}
      </h3>
      <p>
        The write key of <strong>{sourceId}</strong>:
      </p>
      <p className="row">
        <code className="write-key" aria-label={`Write key of ${sourceId}`}>
          {writeKey}
        </code>
        <CopyButton text={writeKey} label="Copy write key" />
      </p>
      <p>
        <strong>Copy it now: ferry will not show it again.</strong> Lost it? Rotate the key to get a new one. Until this page is
        reloaded, <Link href={`~/sources/${encodeURIComponent(sourceId)}`}>the source's page</Link> puts it in its snippets.
      </p>
      <button type="button" className="secondary" onClick={onDone}>
        I have copied it
      </button>
    </div>
  );
}
