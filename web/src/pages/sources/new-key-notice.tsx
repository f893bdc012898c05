// A new write key (after create or rotate) with a Copy button, and where to find it later.
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
        <Link href={`~/sources/${encodeURIComponent(sourceId)}`}>The source's page</Link> shows it too, in snippets ready to paste.
      </p>
      <button type="button" className="secondary" onClick={onDone}>
        I have copied it
      </button>
    </div>
  );
}
