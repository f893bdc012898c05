// OAuth connect with Intercom: POST /api/destinations/{id}/oauth/start, ferry's public link that binds the browser, and
// the public callback Intercom redirects to.
import { Type } from '@sinclair/typebox';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { StoredDestination } from '../../store/types.js';
import type { AdminDeps } from '../deps.js';
import { AdminError, notFound } from '../errors.js';
import {
  apiBaseRefusal, authorizeUrlFor, exchangeCode, fetchWorkspace, isIntercomApi, oauthClient, oauthTarget,
} from '../oauth-intercom.js';
import { sendPage } from '../oauth-page.js';
import { OAUTH_STATE_TTL_MS, createState, flowCookie, matchesFlowCookie, verifyState, type OAuthState } from '../oauth-state.js';

const OAUTH_PATH = '/oauth/intercom';
export const BEGIN_PATH = `${OAUTH_PATH}/begin`;
export const CALLBACK_PATH = `${OAUTH_PATH}/callback`;

const ErrorBody = Type.Object({
  error: Type.Object({ code: Type.String(), message: Type.String(), path: Type.Optional(Type.String()) }),
});

const startSchema = {
  tags: ['destinations'],
  summary: 'Start OAuth connect: the link to open in the browser that connects this destination',
  description:
    "Open `url` in a browser: ferry binds the flow to that browser (a cookie) and sends it on to Intercom's authorize " +
    'page; the user picks a workspace; Intercom redirects to `GET /oauth/intercom/callback`, which stores the token and ' +
    'the workspace in the destination. The link works once, in one browser, for 10 minutes; its `state` is signed and ' +
    'bound to the destination. Client id and secret: INTERCOM_CLIENT_ID / INTERCOM_CLIENT_SECRET.',
  params: Type.Object({ id: Type.String() }),
  response: {
    200: Type.Object({ url: Type.String({ format: 'uri', examples: ['http://127.0.0.1:4000/oauth/intercom/begin?state=...'] }) }),
    401: ErrorBody,
    404: ErrorBody,
    409: ErrorBody,
  },
};

const findDestination = async (deps: AdminDeps, id: string) => (await deps.store.listDestinations()).find((d) => d.id === id);

const publicBase = (deps: AdminDeps) => deps.publicUrl.replace(/\/+$/, '');

export function registerOAuthRoutes(api: FastifyInstance, deps: AdminDeps): void {
  api.post<{ Params: { id: string } }>('/destinations/:id/oauth/start', { schema: startSchema }, async (request) => {
    const destination = await findDestination(deps, request.params.id);
    if (!destination) throw notFound('destination', request.params.id);
    const target = oauthTarget(destination.settings, deps.sandboxUrl);
    const refusal = apiBaseRefusal(target.apiBase, deps.endpointPolicy);
    if (refusal !== undefined) throw new AdminError(409, 'FERRY_ERR_ENDPOINT_REFUSED', `settings.endpoint: ${refusal}`, 'settings.endpoint');
    const client = oauthClient(target.custom, deps.endpointPolicy);
    if (typeof client === 'string') throw new AdminError(409, 'FERRY_ERR_OAUTH_NOT_CONFIGURED', client);
    const { value } = createState({ destinationId: destination.id, apiBase: target.apiBase }, deps.secretKey);
    return { url: `${publicBase(deps)}${BEGIN_PATH}?${new URLSearchParams({ state: value })}` };
  });
}

const START_AGAIN = 'Start again from ferry with "Connect with Intercom".';
const REFUSED: Record<'malformed' | 'signature' | 'expired' | 'opened' | 'browser' | 'used', string> = {
  malformed: `This link is not a valid ferry OAuth link. ${START_AGAIN}`,
  signature: `This link was not issued by this ferry (its state does not verify). ${START_AGAIN}`,
  expired: `This link has expired (it is valid for 10 minutes). ${START_AGAIN}`,
  opened: `This link was opened already (each works once, in one browser). ${START_AGAIN}`,
  browser: `This answer from Intercom reached another browser than the one that opened the link, or the connection was finished already. ${START_AGAIN}`,
  used: `This link was used already (each works once). ${START_AGAIN}`,
};

type CallbackQuery = { code?: string; state?: string; error?: string };

const text = (value: unknown) => (typeof value === 'string' ? value : '');

/** Nothing about these requests is logged: their URLs carry the state and the code. Unexpected failures are logged without them. */
function registerPage<Q>(app: FastifyInstance, path: string, deps: AdminDeps, handle: (query: Q, reply: FastifyReply) => Promise<FastifyReply>) {
  app.get<{ Querystring: Q }>(path, { schema: { hide: true } }, async (request, reply) => {
    try {
      return await handle(request.query as Q, reply);
    } catch (error) {
      deps.logger.error({ error: (error as Error).message }, 'OAuth connect failed');
      return sendPage(reply, 500, 'Connection failed', 'ferry could not finish connecting Intercom (see its logs). Start again from ferry.');
    }
  });
}

export function registerOAuthPages(app: FastifyInstance, deps: AdminDeps): void {
  registerPage<{ state?: string }>(app, BEGIN_PATH, deps, (query, reply) => begin(query, reply, deps));
  registerPage<CallbackQuery>(app, CALLBACK_PATH, deps, (query, reply) => callback(query, reply, deps));
}

/** ferry's own link: works once; binds the flow to this browser with a cookie, then sends it to the authorize page. */
async function begin(query: { state?: string }, reply: FastifyReply, deps: AdminDeps): Promise<FastifyReply> {
  const value = text(query.state);
  const checked = verifyState(value, deps.secretKey);
  if (!checked.ok) return sendPage(reply, 403, 'Connection refused', REFUSED[checked.reason]);
  const { state } = checked;
  const client = oauthClient(!isIntercomApi(state.apiBase), deps.endpointPolicy);
  if (typeof client === 'string') return sendPage(reply, 409, 'Connection failed', client);
  if (!(await deps.store.useOnce(`oauth-begin:${state.nonce}`, state.expiresAt))) {
    return sendPage(reply, 403, 'Connection refused', REFUSED.opened);
  }
  const cookie = flowCookie(state, deps.secretKey);
  const url = new URL(authorizeUrlFor(state.apiBase));
  url.searchParams.set('client_id', client.clientId);
  url.searchParams.set('state', value);
  url.searchParams.set('redirect_uri', `${publicBase(deps)}${CALLBACK_PATH}`);
  return reply
    .setCookie(cookie.name, cookie.value, cookieOptions(deps, OAUTH_STATE_TTL_MS / 1000))
    .header('cache-control', 'no-store')
    .header('referrer-policy', 'no-referrer')
    .redirect(url.toString(), 302);
}

// Lax, not Strict: the callback is a top-level navigation coming from Intercom's site.
const cookieOptions = (deps: AdminDeps, maxAge: number) => ({
  path: OAUTH_PATH, httpOnly: true, sameSite: 'lax' as const, secure: deps.publicUrl.startsWith('https:'), maxAge,
});

async function callback(query: CallbackQuery, reply: FastifyReply, deps: AdminDeps): Promise<FastifyReply> {
  const checked = verifyState(text(query.state), deps.secretKey);
  if (!checked.ok) return sendPage(reply, 403, 'Connection refused', REFUSED[checked.reason]);
  const { state } = checked;
  const cookie = flowCookie(state, deps.secretKey);
  if (!matchesFlowCookie(state, reply.request.cookies[cookie.name], deps.secretKey)) {
    return sendPage(reply, 403, 'Connection refused', REFUSED.browser);
  }
  const before = await findDestination(deps, state.destinationId);
  if (!before) return sendPage(reply, 404, 'Connection failed', `The destination "${state.destinationId}" no longer exists.`);
  if (query.error !== undefined || text(query.code) === '') {
    const why = query.error === undefined ? 'Intercom sent no authorization code' : 'Intercom did not authorize ferry';
    return sendPage(reply, 400, 'Connection failed', `${why}; nothing was changed. Start again from ferry.`);
  }
  const problem = targetProblem(state, before.settings, deps);
  if (problem !== undefined) return sendPage(reply, 409, 'Connection failed', `${problem} Nothing was changed. ${START_AGAIN}`);

  // Where the authorize page was (signed into the state), whatever the destination says now.
  const custom = !isIntercomApi(state.apiBase);
  const client = oauthClient(custom, deps.endpointPolicy);
  if (typeof client === 'string') return sendPage(reply, 409, 'Connection failed', client);
  // A code Intercom refuses leaves the state usable: a bogus code cannot spend someone's link.
  const token = await exchangeCode(state.apiBase, text(query.code), client);
  if (!token.ok) return failed(reply, deps, state.destinationId, token.message);
  // The first code exchanged for this state wins; a second one (a race, a replay) is refused and its token dropped.
  if (!(await deps.store.useOnce(`oauth-state:${state.nonce}`, state.expiresAt))) {
    return sendPage(reply, 403, 'Connection refused', REFUSED.used);
  }
  reply.clearCookie(cookie.name, cookieOptions(deps, 0));
  const workspace = await fetchWorkspace(state.apiBase, token.value, before.settings.apiVersion);
  if (!workspace.ok) return failed(reply, deps, state.destinationId, workspace.message);

  // Read again: the destination may have been edited while the user was at Intercom.
  const current = await findDestination(deps, state.destinationId);
  if (!current) return sendPage(reply, 404, 'Connection failed', `The destination "${state.destinationId}" no longer exists.`);
  const moved = targetProblem(state, current.settings, deps);
  if (moved !== undefined) return sendPage(reply, 409, 'Connection failed', `${moved} Nothing was changed. ${START_AGAIN}`);
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

/**
 * R22 at the callback: the token must go where the flow started (the destination's endpoint may have changed meanwhile),
 * and the operator's policy must still allow that place.
 */
function targetProblem(state: OAuthState, settings: StoredDestination['settings'], deps: AdminDeps): string | undefined {
  const now = oauthTarget(settings, deps.sandboxUrl);
  if ((now.custom || !isIntercomApi(state.apiBase)) && now.apiBase !== state.apiBase) {
    return "The destination's endpoint changed while you were at Intercom.";
  }
  const refusal = apiBaseRefusal(state.apiBase, deps.endpointPolicy);
  return refusal === undefined ? undefined : `settings.endpoint: ${refusal}.`;
}

function failed(reply: FastifyReply, deps: AdminDeps, destinationId: string, message: string): FastifyReply {
  deps.logger.warn({ destination: destinationId, problem: message }, 'OAuth connect with Intercom failed');
  return sendPage(reply, 502, 'Connection failed', `${message}. Nothing was changed; start again from ferry.`);
}
