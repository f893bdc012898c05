// The browser's session: asked of GET /api/session at load, started with the admin token, ended by sign-out.
import { useCallback, useEffect, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { ApiError, del, get, post, setCsrfToken, setUnauthorizedHandler } from './client.js';
import type { Session } from './types.js';

export type SessionState = { status: 'loading' } | { status: 'signed-out'; reason?: string } | { status: 'signed-in'; session: Session };

/** ferry sets this readable cookie beside the HttpOnly session cookie: without it there is no session to ask about. */
const mayBeSignedIn = () => /(?:^|;\s*)ferry_signed_in=1(?:;|$)/.test(document.cookie);

export function useSession() {
  const [state, setState] = useState<SessionState>(() => (mayBeSignedIn() ? { status: 'loading' } : { status: 'signed-out' }));
  const queryClient = useQueryClient();

  const signedOut = useCallback(
    (reason?: string) => {
      setCsrfToken(undefined);
      queryClient.clear();
      setState({ status: 'signed-out', reason });
    },
    [queryClient],
  );

  useEffect(() => {
    setUnauthorizedHandler(() => signedOut('Your session ended. Sign in again.'));
    if (!mayBeSignedIn()) return;
    get<Session>('/api/session').then(
      (session) => {
        setCsrfToken(session.csrfToken);
        setState({ status: 'signed-in', session });
      },
      (error: unknown) => {
        if (error instanceof ApiError && error.status === 401) signedOut();
        else signedOut(error instanceof Error ? error.message : String(error));
      },
    );
  }, [signedOut]);

  const signIn = useCallback(async (token: string) => {
    await post<{ expiresAt: string; csrfToken: string }>('/api/session', { token });
    const session = await get<Session>('/api/session');
    setCsrfToken(session.csrfToken);
    setState({ status: 'signed-in', session });
  }, []);

  const signOut = useCallback(async () => {
    await del('/api/session').catch(() => undefined);
    signedOut();
  }, [signedOut]);

  return { state, signIn, signOut };
}
