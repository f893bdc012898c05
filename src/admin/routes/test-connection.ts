// Test connection: GET /me with a destination's stored credentials, answered as the workspace or the reason it failed.
import { intercomErrors, IntercomTransportError, type IntercomClient } from '../../destinations/intercom/client/index.js';
import type { StoredDestination } from '../../store/types.js';
import type { AdminDeps } from '../deps.js';

export type ConnectionResult =
  | { ok: true; workspace: { name: string; id_code: string; region: string } }
  | { ok: false; status: number; error: string };

const text = (value: unknown) => (typeof value === 'string' ? value : '');

export async function testConnection(deps: AdminDeps, destination: StoredDestination): Promise<ConnectionResult> {
  let client: IntercomClient;
  try {
    client = deps.clientFor(destination);
  } catch {
    // Without a token the client cannot be built (sandbox mode substitutes the simulator's token in clientFor).
    const error = destination.settings.accessToken === undefined
      ? 'the destination has no access token: connect it with Intercom or set settings.accessToken'
      : 'the stored access token cannot be sent (it holds spaces or control characters)';
    return { ok: false, status: 0, error };
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
    return { ok: false, status: 0, error: `no answer from Intercom: ${error.message}` };
  } finally {
    await client.close();
  }
}
