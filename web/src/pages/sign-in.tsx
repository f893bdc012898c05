// Sign-in: the admin token once, exchanged for a session cookie; the token is never stored by the app.
import { useState, type FormEvent } from 'react';
import { ErrorMessage } from '../components/error-message.js';

export function SignInPage({ onSignIn, reason }: { onSignIn: (token: string) => Promise<void>; reason?: string }) {
  const [token, setToken] = useState('');
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      await onSignIn(token.trim());
    } catch (caught) {
      setError(caught);
      setBusy(false);
    }
  }

  return (
    <main className="sign-in">
      <h1>Sign in to ferry</h1>
      {reason && <p role="status">{reason}</p>}
      <form onSubmit={submit}>
        <label htmlFor="admin-token">Admin token</label>
        <p className="hint" id="admin-token-hint">
          ferry printed it at its first start (or it is the FERRY_ADMIN_TOKEN it was started with).
        </p>
        <input
          id="admin-token"
          type="password"
          autoComplete="current-password"
          aria-describedby="admin-token-hint"
          value={token}
          onChange={(event) => setToken(event.target.value)}
          required
        />
        <button type="submit" disabled={busy || token.trim() === ''}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
        <ErrorMessage error={error} />
      </form>
    </main>
  );
}
