// Settings > Connection: who the stored credentials reach, Connect with OAuth, paste an access token, test the connection.
import { useState, type FormEvent } from 'react';
import { useMutation } from '@tanstack/react-query';
import { ApiError, post, put } from '../../api/client.js';
import type { Destination } from '../../api/types.js';
import { ErrorMessage } from '../../components/error-message.js';
import type { DestinationType } from '../catalog/destination-types.js';
import { destinationPath, useStoreDestination } from './destination-cache.js';
import { editableSettings } from './schema-fields.js';

export type ConnectionAnswer =
  | { ok: true; workspace: { name: string; id_code: string; region: string } }
  | { ok: false; status: number; error: string };

interface Props {
  destination: Destination;
  type: DestinationType;
  /** The settings key of the credential pasted here (the type's first secret), if any. */
  credential?: string;
  /** Back from OAuth connect (`?connected=1`). */
  justConnected: boolean;
  /** Listed in the config file: credentials may still be connected here when the file gives none (the API says if not). */
  managed: boolean;
  tested?: ConnectionAnswer;
  onTested: (answer: ConnectionAnswer) => void;
}

const workspaceOf = (settings: Record<string, unknown>) => {
  const workspace = settings.workspace as { name?: unknown; idCode?: unknown } | undefined;
  return typeof workspace?.name === 'string' ? { name: workspace.name, idCode: String(workspace.idCode ?? '') } : undefined;
};

/** What to do about a refusal of OAuth start, beyond the API's words. */
function oauthAdvice(error: unknown, title: string): string | undefined {
  if (!(error instanceof ApiError)) return undefined;
  if (error.code === 'FERRY_ERR_OAUTH_NOT_CONFIGURED') {
    return `Give ferry the client id and secret of your ${title} app in its environment and restart it, or paste an access token below.`;
  }
  if (error.code === 'FERRY_ERR_ENDPOINT_REFUSED') {
    return 'Clear the endpoint setting below, or start ferry with FERRY_ALLOW_CUSTOM_ENDPOINTS=1 if that endpoint is yours.';
  }
  return undefined;
}

export function ConnectionSection({ destination, type, credential, justConnected, managed, tested, onTested }: Props) {
  const storeDestination = useStoreDestination();
  const [token, setToken] = useState('');
  const path = destinationPath(destination.id);
  const workspace = workspaceOf(destination.settings);
  const region = typeof destination.settings.region === 'string' ? destination.settings.region.toUpperCase() : undefined;
  const stored = credential ? destination.settings[credential] : undefined;

  const connect = useMutation({
    mutationFn: () => post<{ url: string }>(`${path}/oauth/start`),
    onSuccess: ({ url }) => window.location.assign(url),
  });
  const saveToken = useMutation({
    mutationFn: (value: string) => put<Destination>(path, { settings: { ...editableSettings(destination.settings), [credential!]: value } }),
    onSuccess: async (saved) => {
      setToken('');
      await storeDestination(saved);
    },
  });
  const test = useMutation({ mutationFn: () => post<ConnectionAnswer>(`${path}/test-connection`), onSuccess: onTested });

  function submitToken(event: FormEvent) {
    event.preventDefault();
    if (token.trim() !== '') saveToken.mutate(token.trim());
  }

  const advice = oauthAdvice(connect.error, type.title);
  return (
    <section className="card stack" aria-labelledby="connection-heading">
      <h3 id="connection-heading">Connection</h3>
      {justConnected && workspace && (
        <p className="notice" role="status">
          {type.title} connected ferry to the workspace <strong>{workspace.name}</strong>.
        </p>
      )}
      {managed && (
        <p className="hint">
          The config file lists this destination. When the file gives no credentials, the ones connected here are kept
          at every start; when it gives them, ferry refuses new ones and says so.
        </p>
      )}
      <p className="connection-state">
        {workspace ? (
          <>
            <strong>
              Connected to {workspace.name}
              {region ? ` (${region})` : ''}
            </strong>{' '}
            <span className="hint">workspace id {workspace.idCode}</span>
          </>
        ) : typeof stored === 'string' ? (
          <>An access token is stored ({stored}). Test the connection to see its workspace.</>
        ) : (
          <>
            Not connected: no access token is stored.{' '}
            <span className="hint">
              Connect or paste a token below. (In sandbox mode ferry delivers to its {type.title} simulator meanwhile: test
              the connection to see.)
            </span>
          </>
        )}
      </p>

      {type.oauth && (
        <div className="stack">
          <p className="row">
            <button type="button" onClick={() => connect.mutate()} disabled={connect.isPending}>
              {connect.isPending ? 'Opening…' : `Connect with ${type.title}`}
            </button>
          </p>
          <p className="hint">
            Opens {type.title}, where you choose the workspace; you come back here when it is connected.
            {workspace ? ' Connect again to switch to another workspace.' : ''}
          </p>
          <ErrorMessage error={connect.error} title={`Connect with ${type.title} is not available`} />
          {advice && <p className="hint">{advice}</p>}
        </div>
      )}

      {credential && (
        <form onSubmit={submitToken} className="stack token-form">
          <label htmlFor="settings-token">{type.oauth ? 'Or paste an access token' : 'Access token'}</label>
          <p className="hint" id="settings-token-hint">
            {typeof stored === 'string' ? `Stored: ${stored}. A new one replaces it. ` : ''}
            It is stored encrypted and never shown again.
          </p>
          <div className="row">
            <input
              id="settings-token"
              type="password"
              autoComplete="off"
              value={token}
              aria-describedby="settings-token-hint"
              onChange={(event) => setToken(event.target.value)}
            />
            <button type="submit" disabled={saveToken.isPending || token.trim() === ''}>
              Save the token
            </button>
          </div>
          {saveToken.isSuccess && <p role="status">The token is saved. Test the connection to see its workspace.</p>}
          <ErrorMessage error={saveToken.error} title="The token was not saved" />
        </form>
      )}

      <div className="stack">
        <p className="row">
          <button type="button" className="secondary" onClick={() => test.mutate()} disabled={test.isPending}>
            {test.isPending ? 'Testing…' : 'Test connection'}
          </button>
        </p>
        <div role="status">{tested && <TestAnswer answer={tested} title={type.title} />}</div>
        <ErrorMessage error={test.error} title="The connection could not be tested" />
      </div>
    </section>
  );
}

function TestAnswer({ answer, title }: { answer: ConnectionAnswer; title: string }) {
  if (answer.ok) {
    return (
      <p className="test-ok">
        {title} answered: workspace <strong>{answer.workspace.name}</strong> ({answer.workspace.id_code}, region{' '}
        {answer.workspace.region.toUpperCase()}).
      </p>
    );
  }
  return (
    <p className="test-failed">
      The connection failed: {answer.error}
      {answer.status > 0 ? ` (${title} answered ${answer.status})` : ' (no answer)'}.
    </p>
  );
}
