// A Copy button: the text to the clipboard, then says so; where the browser refuses, says how to copy by hand.
import { useState } from 'react';

export function CopyButton({ text, label }: { text: string; label: string }) {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  async function copy() {
    try {
      if (!navigator.clipboard) throw new Error('no clipboard here');
      await navigator.clipboard.writeText(text);
      setState('copied');
    } catch {
      setState('failed');
    }
  }
  return (
    <span className="copy-button">
      <button type="button" className="secondary" onClick={copy}>
        {label}
      </button>{' '}
      <span role="status" className="hint">
        {state === 'copied' && 'Copied.'}
        {state === 'failed' && 'This browser does not let the page copy: select the text and copy it (Ctrl+C or ⌘C).'}
      </span>
    </span>
  );
}
