// OAuth as Intercom runs it: an authorize page to pick a workspace, then a single-use code exchanged for a token.
import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { IntercomError } from '../errors.js';
import type { SimulatorState } from '../state.js';

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

function isHttpUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

function page(title: string, body: string): string {
  return `<!doctype html><html><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head>` +
    `<body><h1>${escapeHtml(title)}</h1>${body}</body></html>`;
}

type AuthorizeQuery = { client_id?: string; state?: string; redirect_uri?: string; workspace?: string };

export function registerOAuthRoutes(app: FastifyInstance, state: SimulatorState): void {
  const badAuthorize = (message: string) => page('Authorization failed', `<p id="error">${escapeHtml(message)}</p>`);

  function checkAuthorize(params: AuthorizeQuery): string | null {
    if (!state.oauthClients.some((c) => c.clientId === params.client_id)) return 'Unknown client_id.';
    if (!params.redirect_uri || !isHttpUrl(params.redirect_uri)) return 'redirect_uri must be an http(s) URL.';
    return null;
  }

  app.get<{ Querystring: AuthorizeQuery }>('/oauth', async (request, reply) => {
    const params = request.query;
    const problem = checkAuthorize(params);
    reply.type('text/html; charset=utf-8');
    if (problem) return reply.status(400).send(badAuthorize(problem));
    const hidden = (['client_id', 'state', 'redirect_uri'] as const)
      .map((k) => `<input type="hidden" name="${k}" value="${escapeHtml(params[k] ?? '')}">`)
      .join('');
    const choices = [...state.workspaces.values()]
      .map((w) =>
        `<li><form method="post" action="/oauth/authorize">${hidden}` +
        `<input type="hidden" name="workspace" value="${escapeHtml(w.idCode)}">` +
        `<button type="submit" data-workspace="${escapeHtml(w.idCode)}">Connect ${escapeHtml(w.spec.name)}` +
        ` (${escapeHtml(w.spec.region)})</button></form></li>`)
      .join('');
    return page('Choose the Intercom workspace to connect', `<ul>${choices}</ul>`);
  });

  app.post<{ Body: AuthorizeQuery }>('/oauth/authorize', async (request, reply) => {
    const params = (request.body ?? {}) as AuthorizeQuery;
    const problem = checkAuthorize(params);
    const workspace = params.workspace === undefined ? undefined : state.workspaces.get(params.workspace);
    if (problem || !workspace) {
      return reply.status(400).type('text/html; charset=utf-8').send(badAuthorize(problem ?? 'Unknown workspace.'));
    }
    const code = randomBytes(16).toString('hex');
    state.oauthCodes.set(code, {
      workspace, clientId: params.client_id!, redirectUri: params.redirect_uri!, expiresAtMs: Date.now() + state.oauthCodeTtlMs,
    });
    const target = new URL(params.redirect_uri!);
    target.searchParams.set('code', code);
    if (params.state !== undefined) target.searchParams.set('state', params.state);
    return reply.redirect(target.toString(), 302);
  });

  app.post('/auth/eagle/token', async (request) => {
    const body = (request.body ?? {}) as Record<string, unknown>;
    const client = state.oauthClients.find((c) => c.clientId === body.client_id);
    if (!client || client.clientSecret !== body.client_secret) {
      throw new IntercomError(401, 'unauthorized', 'Client credentials are invalid');
    }
    const code = typeof body.code === 'string' ? body.code : '';
    const pending = state.oauthCodes.get(code);
    // Single use: a code is gone once presented, whether or not the exchange succeeds.
    state.oauthCodes.delete(code);
    if (!pending || pending.clientId !== client.clientId || pending.expiresAtMs <= Date.now()) {
      throw new IntercomError(400, 'invalid_grant', 'The authorization code is invalid, expired or already used');
    }
    const token = state.issueToken(pending.workspace);
    return { token_type: 'Bearer', token, access_token: token };
  });
}
