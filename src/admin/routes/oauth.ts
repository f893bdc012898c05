// OAuth connect with Intercom: POST /api/destinations/{id}/oauth/start, and the public callback Intercom redirects to.
import { Type } from '@sinclair/typebox';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { AdminDeps } from '../deps.js';
import { AdminError, notFound } from '../errors.js';
import { exchangeCode, fetchWorkspace, isIntercomApi, oauthClient, oauthTarget } from '../oauth-intercom.js';
import { sendPage } from '../oauth-page.js';
import { createState, verifyState } from '../oauth-state.js';

export const CALLBACK_PATH = '/oauth/intercom/callback';

const ErrorBody = Type.Object({
  error: Type.Object({ code: Type.String(), message: Type.String(), path: Type.Optional(Type.String()) }),
});

const startSchema = {
  tags: ['destinations'],
  summary: "Start OAuth connect: the URL of Intercom's authorize page for this destination",
  description:
    'The browser goes to `url`; the user picks a workspace; Intercom redirects to `GET /oauth/intercom/callback`, which ' +
    'stores the token and the workspace in the destination. The `state` in the URL is signed, bound to the destination, ' +
    'works once and expires after 10 minutes. Client id and secret: INTERCOM_CLIENT_ID / INTERCOM_CLIENT_SECRET.',
  params: Type.Object({ id: Type.String() }),
  response: {
    200: Type.Object({ url: Type.String({ format: 'uri', examples: ['https://app.intercom.com/oauth?client_id=...&state=...&redirect_uri=...'] }) }),
    401: ErrorBody,
    404: ErrorBody,
    409: ErrorBody,
  },
};

const findDestination = async (deps: AdminDeps, id: string) => (await deps.store.listDestinations()).find((d) => d.id === id);

const redirectUri = (deps: AdminDeps) => `${deps.publicUrl.replace(/\/+$/, '')}${CALLBACK_PATH}`;

export function registerOAuthRoutes(api: FastifyInstance, deps: AdminDeps): void {
  api.post<{ Params: { id: string } }>('/destinations/:id/oauth/start', { schema: startSchema }, async (request) => {
    const destination = await findDestination(deps, request.params.id);
    if (!destination) throw notFound('destination', request.params.id);
    const target = oauthTarget(destination.settings, deps.sandboxUrl);
    const client = oauthClient(target.custom);
    if (typeof client === 'string') throw new AdminError(409, 'FERRY_ERR_OAUTH_NOT_CONFIGURED', client);
    const { value } = createState({ destinationId: destination.id, apiBase: target.apiBase }, deps.secretKey);
    const url = new URL(target.authorizeUrl);
    url.searchParams.set('client_id', client.clientId);
    url.searchParams.set('state', value);
    url.searchParams.set('redirect_uri', redirectUri(deps));
    return { url: url.toString() };
  });
}

const REFUSED: Record<'malformed' | 'signature' | 'expired' | 'used', string> = {
  malformed: 'This link is not a valid ferry OAuth link. Start again from ferry with "Connect with Intercom".',
  signature: 'This link was not issued by this ferry (its state does not verify). Start again from ferry with "Connect with Intercom".',
  expired: 'This link has expired (it is valid for 10 minutes). Start again from ferry with "Connect with Intercom".',
  used: 'This link was used already (each works once). Start again from ferry with "Connect with Intercom".',
};

type CallbackQuery = { code?: string; state?: string; error?: string };

export function registerOAuthCallback(app: FastifyInstance, deps: AdminDeps): void {
  app.get<{ Querystring: CallbackQuery }>(CALLBACK_PATH, { schema: { hide: true } }, async (request, reply) => {
    // Nothing about this request is logged: its URL carries the code. Unexpected failures are logged without it.
    try {
      return await callback(request.query, reply, deps);
    } catch (error) {
      deps.logger.error({ error: (error as Error).message }, 'OAuth callback failed');
      return sendPage(reply, 500, 'Connection failed', 'ferry could not finish connecting Intercom (see its logs). Start again from ferry.');
    }
  });
}

async function callback(query: CallbackQuery, reply: FastifyReply, deps: AdminDeps): Promise<FastifyReply> {
  const text = (value: unknown) => (typeof value === 'string' ? value : '');
  const checked = verifyState(text(query.state), deps.secretKey);
  if (!checked.ok) return sendPage(reply, 403, 'Connection refused', REFUSED[checked.reason]);
  const { state } = checked;
  if (!(await deps.store.useOnce(`oauth-state:${state.nonce}`, state.expiresAt))) {
    return sendPage(reply, 403, 'Connection refused', REFUSED.used);
  }
  const before = await findDestination(deps, state.destinationId);
  if (!before) return sendPage(reply, 404, 'Connection failed', `The destination "${state.destinationId}" no longer exists.`);
  if (query.error !== undefined || text(query.code) === '') {
    const why = query.error === undefined ? 'Intercom sent no authorization code' : 'Intercom did not authorize ferry';
    return sendPage(reply, 400, 'Connection failed', `${why}; nothing was changed. Start again from ferry.`);
  }

  // Where the authorize page was (signed into the state), whatever the destination says now.
  const custom = !isIntercomApi(state.apiBase);
  const client = oauthClient(custom);
  if (typeof client === 'string') return sendPage(reply, 409, 'Connection failed', client);
  const token = await exchangeCode(state.apiBase, text(query.code), client);
  if (!token.ok) return failed(reply, deps, state.destinationId, token.message);
  const workspace = await fetchWorkspace(state.apiBase, token.value, before.settings.apiVersion);
  if (!workspace.ok) return failed(reply, deps, state.destinationId, workspace.message);

  // Read again: the destination may have been edited while the user was at Intercom.
  const current = await findDestination(deps, state.destinationId);
  if (!current) return sendPage(reply, 404, 'Connection failed', `The destination "${state.destinationId}" no longer exists.`);
  const { idCode, name, region } = workspace.value;
  const { pausedReason: _paused, ...config } = current;
  await deps.store.upsertDestination({
    ...config,
    settings: {
      ...current.settings,
      accessToken: token.value,
      region: region ?? current.settings.region,
      // Connected through the sandbox simulator: its token only works there, so the destination stays pointed at it.
      ...(custom && !current.settings.endpoint ? { endpoint: state.apiBase } : {}),
      workspace: { idCode, name },
    },
  });
  await deps.onConfigChanged();
  deps.logger.info({ destination: current.id, workspace: idCode, region: region ?? current.settings.region }, 'connected to Intercom with OAuth');
  return sendPage(reply, 200, `Connected to ${name}`, `The destination "${current.id}" now delivers to the Intercom workspace "${name}" (${idCode}). You can close this page.`);
}

function failed(reply: FastifyReply, deps: AdminDeps, destinationId: string, message: string): FastifyReply {
  deps.logger.warn({ destination: destinationId, problem: message }, 'OAuth connect with Intercom failed');
  return sendPage(reply, 502, 'Connection failed', `${message}. Nothing was changed; start again from ferry.`);
}
