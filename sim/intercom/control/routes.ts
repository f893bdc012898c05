// The control API for tests and benchmarks: state, request log, reset, faults, workspaces, data attributes.
import type { FastifyInstance, FastifyReply } from 'fastify';
import { IntercomError } from '../errors.js';
import { contactJson } from '../contacts/model.js';
import { companyJson } from '../companies/model.js';
import { createAttribute } from '../data-attributes/routes.js';
import { completeSpec, type SimulatorState } from '../state.js';
import { REGIONS, type Region, type Workspace } from '../workspace.js';
import { ControlError, readFaults } from './faults-input.js';

function workspaceState(w: Workspace) {
  return {
    id_code: w.idCode,
    name: w.spec.name,
    region: w.spec.region,
    contacts: [...w.contacts.all()].map((c) => ({ ...contactJson(c, w.idCode), archived: c.archived })),
    companies: [...w.companies.all()].map((c) => companyJson(c, w.idCode)),
    events: w.events.all().map((e) => ({
      contact_id: e.contactId, event_name: e.eventName, created_at: e.createdAt, metadata: e.metadata,
    })),
    duplicate_events: w.events.duplicates,
    data_attributes: w.attributes.list(undefined, true).filter((a) => a.custom),
  };
}

function pickWorkspace(state: SimulatorState, idCode: unknown): Workspace {
  if (idCode === undefined) return state.workspaces.values().next().value as Workspace;
  const workspace = typeof idCode === 'string' ? state.workspaces.get(idCode) : undefined;
  if (!workspace) throw new ControlError(`unknown workspace '${String(idCode)}'`);
  return workspace;
}

const sendError = (reply: FastifyReply, error: unknown) => {
  if (error instanceof ControlError) return reply.status(400).send({ error: error.message });
  if (error instanceof IntercomError) return reply.status(400).send({ error: error.message, code: error.code });
  throw error;
};

export function registerControlRoutes(app: FastifyInstance, state: SimulatorState): void {
  app.get('/_sim/state', async (request, reply) => {
    try {
      const { workspace } = request.query as { workspace?: string };
      const selected = workspace === undefined ? [...state.workspaces.values()] : [pickWorkspace(state, workspace)];
      return { workspaces: selected.map(workspaceState) };
    } catch (error) {
      return sendError(reply, error);
    }
  });

  app.get('/_sim/requests', async (request) => {
    const q = request.query as Record<string, string | undefined>;
    const since = q.since === undefined ? undefined : Number(q.since);
    return {
      requests: state.requests.list({
        since: Number.isFinite(since) ? since : undefined,
        workspace: q.workspace,
        method: q.method,
        pathPrefix: q.path,
      }),
    };
  });

  app.post('/_sim/reset', async () => {
    state.reset();
    return { ok: true };
  });

  app.get('/_sim/faults', async () => state.faults.summary());

  // How many API requests the simulator answers at once: with added latency, how many a client keeps in flight.
  app.get('/_sim/concurrency', async () => ({ ...state.concurrency }));

  app.post('/_sim/faults', async (request, reply) => {
    try {
      readFaults(request.body, state);
      return state.faults.summary();
    } catch (error) {
      return sendError(reply, error);
    }
  });

  app.post('/_sim/workspaces', async (request, reply) => {
    try {
      const body = (request.body ?? {}) as Record<string, unknown>;
      if (typeof body.name !== 'string' || body.name === '') throw new ControlError('name is required');
      if (body.region !== undefined && !REGIONS.includes(body.region as Region)) {
        throw new ControlError(`region must be one of ${REGIONS.join(', ')}`);
      }
      // A blank or spaced id_code or token would make a workspace no request can reach; refuse it instead.
      const optional = (key: string) => {
        const value = body[key];
        if (value === undefined) return undefined;
        if (typeof value !== 'string' || !/^\S+$/.test(value)) {
          throw new ControlError(`${key} must be a word without spaces`);
        }
        return value;
      };
      const spec = completeSpec({
        name: body.name, idCode: optional('id_code'), region: body.region as Region | undefined, token: optional('token'),
      });
      try {
        state.addWorkspace(spec);
      } catch (error) {
        throw new ControlError((error as Error).message);
      }
      return { id_code: spec.idCode, name: spec.name, region: spec.region, token: spec.token };
    } catch (error) {
      return sendError(reply, error);
    }
  });

  app.post('/_sim/data-attributes', async (request, reply) => {
    try {
      const body = (request.body ?? {}) as Record<string, unknown>;
      const workspace = pickWorkspace(state, body.workspace);
      const items = Array.isArray(body.attributes) ? body.attributes : [body];
      return { data: items.map((item) => createAttribute(workspace, item)) };
    } catch (error) {
      return sendError(reply, error);
    }
  });
}
