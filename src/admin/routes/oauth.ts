// OAuth connect for destinations whose definition offers it: POST /api/destinations/{id}/oauth/start, ferry's public
// link that binds the browser, and the public callback the destination's service redirects to (/oauth/{type}/...).
import { refuseIfManaged } from '../config-managed.js';
import { FerryError } from '../../errors.js';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { Destination, Settings } from '../../destinations/kit/define-destination.js';
import type { OAuthCapability } from '../../destinations/kit/oauth.js';
import type { StoredDestination } from '../../store/types.js';
import type { AdminDeps } from '../deps.js';
import { notFound } from '../errors.js';
import { backToSettings, noTrace, sendPage, settingsPath } from '../oauth-page.js';
import { OAUTH_STATE_TTL_MS, createState, flowCookie, matchesFlowCookie, verifyState, type OAuthState } from '../oauth-state.js';

/** A destination type that offers OAuth, with its paths. */
interface Provider {
  destination: Destination;
  oauth: OAuthCapability<Settings>;
  title: string;
  /** `/oauth/<type>`: the cookie's path too. */
  path: string;
  begin: string;
  callback: string;
}

function providerOf(destination: Destination): Provider | undefined {
  if (destination.oauth === undefined) return undefined;
  const path = `/oauth/${destination.key}`;
  return { destination, oauth: destination.oauth, title: destination.title, path, begin: `${path}/begin`, callback: `${path}/callback` };
}

const ErrorBody = Type.Object({
  error: Type.Object({ code: Type.String(), message: Type.String(), path: Type.Optional(Type.String()) }),
});

const startSchema = {
  tags: ['destinations'],
  summary: 'Start OAuth connect: the link to open in the browser that connects this destination',
  description:
    "Open `url` in a browser: ferry binds the flow to that browser (a cookie) and sends it on to the destination's " +
    'authorize page; the user picks an account (a workspace); the destination redirects to `GET /oauth/{type}/callback`, ' +
    'which stores the token and the account in the destination. The link works once, in one browser, for 10 minutes; ' +
    'its `state` is signed and bound to the destination. Client id and secret come from ferry\'s environment ' +
    '(GET /api/destination-types says which types offer OAuth).',
  params: Type.Object({ id: Type.String() }),
  response: {
    200: Type.Object({ url: Type.String({ format: 'uri', examples: ['http://127.0.0.1:4000/oauth/{type}/begin?state=...'] }) }),
    401: ErrorBody,
    404: ErrorBody,
    409: ErrorBody,
  },
};

const findDestination = async (deps: AdminDeps, id: string) => (await deps.store.listDestinations()).find((d) => d.id === id);

const publicBase = (deps: AdminDeps) => deps.publicUrl.replace(/\/+$/, '');

/** Where a flow for the destination authorizes now (sandbox mode: the type's in-process sandbox). */
const targetOf = (provider: Provider, settings: Settings, deps: AdminDeps) =>
  provider.oauth.target(settings, deps.sandboxUrls?.[provider.destination.key]);

export function registerOAuthRoutes(api: FastifyInstance, deps: AdminDeps): void {
  api.post<{ Params: { id: string } }>('/destinations/:id/oauth/start', { schema: startSchema }, async (request) => {
    const destination = await findDestination(deps, request.params.id);
    if (!destination) throw notFound('destination', request.params.id);
    // A token the config file gives would replace the connected one at the next start.
    if (deps.configManaged?.destinations.get(destination.id)?.givesCredentials) {
      refuseIfManaged(deps.configManaged, 'destination', destination.id, 'its credentials (the file gives them)');
    }
    const provider = providerOf(deps.registry.get(destination.type));
    if (provider === undefined) {
      throw new FerryError('FERRY_ERR_OAUTH_NOT_CONFIGURED', `destinations of type "${destination.type}" offer no OAuth connect`, {}, 409);
    }
    const target = targetOf(provider, destination.settings, deps);
    const refusal = provider.oauth.refusal(target.apiBase, deps.endpointPolicy);
    if (refusal !== undefined) throw new FerryError('FERRY_ERR_ENDPOINT_REFUSED', `settings.endpoint: ${refusal}`, { path: 'settings.endpoint' }, 409);
    const client = provider.oauth.clientCredentials(target.custom, deps.endpointPolicy);
    if (typeof client === 'string') throw new FerryError('FERRY_ERR_OAUTH_NOT_CONFIGURED', client, {}, 409);
    const { value } = createState({ destinationId: destination.id, apiBase: target.apiBase }, deps.secretKey);
    return { url: `${publicBase(deps)}${provider.begin}?${new URLSearchParams({ state: value })}` };
  });
}

type Refusal = 'malformed' | 'signature' | 'expired' | 'opened' | 'browser' | 'used';
const startAgain = (title: string) => `Start again from ferry with "Connect with ${title}".`;
const refused = (title: string, why: Refusal): string => {
  const again = startAgain(title);
  return {
    malformed: `This link is not a valid ferry OAuth link. ${again}`,
    signature: `This link was not issued by this ferry (its state does not verify). ${again}`,
    expired: `This link has expired (it is valid for 10 minutes). ${again}`,
    opened: `This link was opened already (each works once, in one browser). ${again}`,
    browser: `This answer from ${title} reached another browser than the one that opened the link, or the connection was finished already. ${again}`,
    used: `This link was used already (each works once). ${again}`,
  }[why];
};

type CallbackQuery = { code?: string; state?: string; error?: string };

const text = (value: unknown) => (typeof value === 'string' ? value : '');

/** Nothing about these requests is logged: their URLs carry the state and the code. Unexpected failures are logged without them. */
function registerPage<Q>(
  app: FastifyInstance,
  path: string,
  deps: AdminDeps,
  title: string,
  handle: (query: Q, reply: FastifyReply) => Promise<FastifyReply>,
) {
  app.get<{ Querystring: Q }>(path, { schema: { hide: true } }, async (request, reply) => {
    try {
      return await handle(request.query as Q, reply);
    } catch (error) {
      deps.logger.error({ error: (error as Error).message }, 'OAuth connect failed');
      return sendPage(reply, 500, 'Connection failed', `ferry could not finish connecting ${title} (see its logs). Start again from ferry.`);
    }
  });
}

export function registerOAuthPages(app: FastifyInstance, deps: AdminDeps): void {
  for (const destination of deps.registry.destinations) {
    const provider = providerOf(destination);
    if (provider === undefined) continue;
    registerPage<{ state?: string }>(app, provider.begin, deps, provider.title, (query, reply) => begin(provider, query, reply, deps));
    registerPage<CallbackQuery>(app, provider.callback, deps, provider.title, (query, reply) => callback(provider, query, reply, deps));
  }
}

/** ferry's own link: works once; binds the flow to this browser with a cookie, then sends it to the authorize page. */
async function begin(provider: Provider, query: { state?: string }, reply: FastifyReply, deps: AdminDeps): Promise<FastifyReply> {
  const value = text(query.state);
  const checked = verifyState(value, deps.secretKey);
  if (!checked.ok) return sendPage(reply, 403, 'Connection refused', refused(provider.title, checked.reason));
  const { state } = checked;
  const client = provider.oauth.clientCredentials(!provider.oauth.isOwnApi(state.apiBase), deps.endpointPolicy);
  const back = backToSettings(state.destinationId);
  if (typeof client === 'string') return sendPage(reply, 409, 'Connection failed', client, back);
  if (!(await deps.store.useOnce(`oauth-begin:${state.nonce}`, state.expiresAt))) {
    return sendPage(reply, 403, 'Connection refused', refused(provider.title, 'opened'), back);
  }
  const cookie = flowCookie(state, deps.secretKey);
  const url = new URL(provider.oauth.authorizeUrl(state.apiBase));
  url.searchParams.set('client_id', client.clientId);
  url.searchParams.set('state', value);
  url.searchParams.set('redirect_uri', `${publicBase(deps)}${provider.callback}`);
  return reply
    .setCookie(cookie.name, cookie.value, cookieOptions(provider, deps, OAUTH_STATE_TTL_MS / 1000))
    .header('cache-control', 'no-store')
    .header('referrer-policy', 'no-referrer')
    .redirect(url.toString(), 302);
}

// Lax, not Strict: the callback is a top-level navigation coming from the destination's site.
const cookieOptions = (provider: Provider, deps: AdminDeps, maxAge: number) => ({
  path: provider.path, httpOnly: true, sameSite: 'lax' as const, secure: deps.publicUrl.startsWith('https:'), maxAge,
});

async function callback(provider: Provider, query: CallbackQuery, reply: FastifyReply, deps: AdminDeps): Promise<FastifyReply> {
  const { oauth, title } = provider;
  const checked = verifyState(text(query.state), deps.secretKey);
  if (!checked.ok) return sendPage(reply, 403, 'Connection refused', refused(title, checked.reason));
  const { state } = checked;
  // From here the flow is known to be for this destination: every failure page links back to its settings.
  const back = backToSettings(state.destinationId);
  const cookie = flowCookie(state, deps.secretKey);
  if (!matchesFlowCookie(state, reply.request.cookies[cookie.name], deps.secretKey)) {
    return sendPage(reply, 403, 'Connection refused', refused(title, 'browser'), back);
  }
  const gone = () => sendPage(reply, 404, 'Connection failed', `The destination "${state.destinationId}" no longer exists.`);
  const before = await findDestination(deps, state.destinationId);
  if (!before || before.type !== provider.destination.key) return gone();
  if (query.error !== undefined || text(query.code) === '') {
    const why = query.error === undefined ? `${title} sent no authorization code` : `${title} did not authorize ferry`;
    return sendPage(reply, 400, 'Connection failed', `${why}; nothing was changed. Start again from ferry.`, back);
  }
  const problem = targetProblem(provider, state, before.settings, deps);
  if (problem !== undefined) return sendPage(reply, 409, 'Connection failed', `${problem} Nothing was changed. ${startAgain(title)}`, back);

  // Where the authorize page was (signed into the state), whatever the destination says now.
  const custom = !oauth.isOwnApi(state.apiBase);
  const client = oauth.clientCredentials(custom, deps.endpointPolicy);
  if (typeof client === 'string') return sendPage(reply, 409, 'Connection failed', client, back);
  // A code the service refuses leaves the state usable: a bogus code cannot spend someone's link.
  const token = await oauth.exchangeCode(state.apiBase, text(query.code), client);
  if (!token.ok) return failed(provider, reply, deps, state.destinationId, token.message);
  // The first code exchanged for this state wins; a second one (a race, a replay) is refused and its token dropped.
  if (!(await deps.store.useOnce(`oauth-state:${state.nonce}`, state.expiresAt))) {
    return sendPage(reply, 403, 'Connection refused', refused(title, 'used'), back);
  }
  reply.clearCookie(cookie.name, cookieOptions(provider, deps, 0));
  const account = await oauth.fetchAccount(state.apiBase, token.value, before.settings);
  if (!account.ok) return failed(provider, reply, deps, state.destinationId, account.message);

  // Read again: the destination may have been edited while the user was away.
  const current = await findDestination(deps, state.destinationId);
  if (!current || current.type !== provider.destination.key) return gone();
  const moved = targetProblem(provider, state, current.settings, deps);
  if (moved !== undefined) return sendPage(reply, 409, 'Connection failed', `${moved} Nothing was changed. ${startAgain(title)}`, back);
  const { idCode } = account.value;
  const { pausedReason: _paused, ...config } = current;
  const settings = oauth.connectedSettings(current.settings, {
    accessToken: token.value, account: account.value, target: { apiBase: state.apiBase, custom },
  });
  await deps.store.upsertDestination({ ...config, settings });
  await deps.onConfigChanged();
  deps.logger.info({ destination: current.id, workspace: idCode, region: settings.region }, `connected to ${title} with OAuth`);
  // Back into the web app, which shows the workspace now connected (a 303: the browser GETs the page).
  return noTrace(reply).redirect(`${publicBase(deps)}${settingsPath(current.id)}?connected=1`, 303);
}

/**
 * R22 at the callback: the token must go where the flow started (the destination's endpoint may have changed meanwhile),
 * and the operator's policy must still allow that place.
 */
function targetProblem(provider: Provider, state: OAuthState, settings: StoredDestination['settings'], deps: AdminDeps): string | undefined {
  const now = targetOf(provider, settings, deps);
  if ((now.custom || !provider.oauth.isOwnApi(state.apiBase)) && now.apiBase !== state.apiBase) {
    return `The destination's endpoint changed while you were at ${provider.title}.`;
  }
  const refusal = provider.oauth.refusal(state.apiBase, deps.endpointPolicy);
  return refusal === undefined ? undefined : `settings.endpoint: ${refusal}.`;
}

function failed(provider: Provider, reply: FastifyReply, deps: AdminDeps, destinationId: string, message: string): FastifyReply {
  deps.logger.warn({ destination: destinationId, problem: message }, `OAuth connect with ${provider.title} failed`);
  return sendPage(reply, 502, 'Connection failed', `${message}. Nothing was changed; start again from ferry.`, backToSettings(destinationId));
}
