// Test connection: GET /me with a destination's credentials, answered as the workspace or the reason it failed.
import type { ConnectionResult, DestinationContext } from '../kit/define-destination.js';
import { EndpointRefusedError } from '../kit/endpoint-policy.js';
import { clientForSettings, intercomErrors, IntercomTransportError, type IntercomClient } from './client/index.js';
import { noAnswer } from './oauth.js';
import type { IntercomSettings } from './settings.js';

const text = (value: unknown) => (typeof value === 'string' ? value : '');

export async function testIntercomConnection(settings: IntercomSettings, context: DestinationContext): Promise<ConnectionResult> {
  let client: IntercomClient;
  try {
    client = clientForSettings(settings, context.endpointPolicy);
  } catch (error) {
    // R22: the token is not sent where the policy forbids (the endpoint predates the policy or the environment changed).
    if (error instanceof EndpointRefusedError) return { ok: false, status: 0, error: `settings.endpoint: ${error.message}` };
    // Without a token the client cannot be built (sandbox mode substitutes the simulator's token first).
    const reason = settings.accessToken === undefined
      ? 'the destination has no access token: connect it with Intercom or set settings.accessToken'
      : 'the stored access token cannot be sent (it holds spaces or control characters)';
    return { ok: false, status: 0, error: reason };
  }
  try {
    const answer = await client.request('GET', '/me');
    if (answer.status !== 200) {
      const first = intercomErrors(answer.body)[0];
      const reason = first ? [first.code, first.message].filter(Boolean).join(': ') : `Intercom answered ${answer.status}`;
      return { ok: false, status: answer.status, error: reason };
    }
    const app = (answer.body as { app?: Record<string, unknown> } | undefined)?.app ?? {};
    return { ok: true, workspace: { name: text(app.name), id_code: text(app.id_code), region: text(app.region) } };
  } catch (error) {
    if (!(error instanceof IntercomTransportError)) throw error;
    // One sentence whatever went wrong on the network: the answer must not tell a refused port from a filtered one.
    return { ok: false, status: 0, error: noAnswer(client.baseUrl) };
  } finally {
    await client.close();
  }
}
