// Says that the config file manages an item (edits here would be lost at the next start) and offers its YAML.
import { useState } from 'react';
import { ApiError } from '../api/client.js';
import { ErrorMessage } from './error-message.js';

export function ManagedNotice({ what }: { what: string }) {
  const [yaml, setYaml] = useState<string>();
  const [error, setError] = useState<unknown>();
  async function showYaml() {
    try {
      const response = await fetch('/api/config/export', { credentials: 'same-origin' });
      if (!response.ok) throw new ApiError(response.status, `HTTP_${response.status}`, 'the configuration could not be exported');
      setYaml(await response.text());
    } catch (caught) {
      setError(caught);
    }
  }
  return (
    <div className="notice" role="note">
      <p>
        <strong>Managed by the config file.</strong> ferry applies its <code>--config</code> file again at every start, so
        a change to {what} made here would be lost: ferry refuses it. Change the file instead, then restart ferry.
      </p>
      {yaml === undefined ? (
        <button type="button" className="secondary" onClick={showYaml}>
          Show the configuration as YAML
        </button>
      ) : (
        <pre className="json-block" tabIndex={0} aria-label="The configuration as YAML">
          {yaml}
        </pre>
      )}
      <ErrorMessage error={error} />
    </div>
  );
}
