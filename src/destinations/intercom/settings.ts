// Intercom's settings: their schema (the token marked secret) and the config file's checks, message for message.
import { Type } from '@sinclair/typebox';
import { ObjectReader, checkRetry, type Fail } from '../../config/checks.js';
import type { RetrySettings } from '../../config/model.js';
import type { DestinationContext } from '../kit/define-destination.js';
import { RetrySchema, secret } from '../kit/settings.js';
import { endpointRefusal } from './client/endpoint-policy.js';
import { INTERCOM_API_VERSION, type Region } from './client/region.js';

export type { Region } from './client/region.js';

export const REGIONS: readonly Region[] = ['us', 'eu', 'au'];

/** The Intercom API version ferry is built and tested against; a config may name another 2.x version. */
export const DEFAULT_API_VERSION = INTERCOM_API_VERSION;

/** An Intercom workspace (GET /me's `app`): its id_code and name. Its region is the destination's `region`. */
export interface IntercomWorkspace {
  idCode: string;
  name: string;
}

export interface IntercomSettings {
  [key: string]: unknown;
  accessToken?: string;
  /** Default 'us'. */
  region: Region;
  /** An http(s) URL that replaces the region's host (the simulator, a proxy). */
  endpoint?: string;
  /** A '2.x' string; default '2.11'. */
  apiVersion: string;
  retry?: RetrySettings;
  /** The workspace the token belongs to, as GET /me named it (written by OAuth connect; informational only). */
  workspace?: IntercomWorkspace;
  /**
   * R4 for leads ferry did not create (the Messenger's): a user's email not yet in the identity cache costs one search
   * for leads with that email, which are then converted or merged. Default false.
   */
  matchLeadsByEmail?: boolean;
  /** R24: create a custom attribute Intercom does not know, then resend its value (default false: R7's warning). */
  createMissingAttributes?: boolean;
  /**
   * A backlog (after an outage or a pause): a person's queued identifies delivered as one contact write, and a company
   * upsert identical to the last one sent skipped. Default true; false delivers every job by itself.
   */
  coalesce?: boolean;
  /**
   * Most jobs in flight at once (different people); below it, ferry keeps as many as the workspace's rate limit times
   * the answers' latency needs. Default 64 (DEFAULT_MAX_CONCURRENCY).
   */
  maxConcurrency?: number;
}

/** Bounds of `maxConcurrency` (the delivery side's cap; its default is the delivery side's). */
export const MAX_CONCURRENCY_BOUND = 1_024;

const Workspace = Type.Object(
  { idCode: Type.String(), name: Type.String() },
  { description: 'the Intercom workspace of the token, as OAuth connect recorded it' },
);

const fields = {
  region: Type.Union([Type.Literal('us'), Type.Literal('eu'), Type.Literal('au')], { description: 'default us' }),
  endpoint: Type.Optional(Type.String({ format: 'uri', description: "an http(s) URL replacing the region's host" })),
  apiVersion: Type.String({ description: 'Intercom API version, "2.x"; default 2.11' }),
  retry: Type.Optional(RetrySchema),
  workspace: Type.Optional(Workspace),
  matchLeadsByEmail: Type.Optional(Type.Boolean({
    description:
      'convert or merge leads ferry did not create (the Messenger\'s) when a user with their email identifies; '
      + 'costs one contact search per user email not yet in the identity cache. Default false',
  })),
  createMissingAttributes: Type.Optional(Type.Boolean({
    description: 'R24: create a custom attribute Intercom does not know (type from the value), then resend it; default false',
  })),
  coalesce: Type.Optional(Type.Boolean({
    // The value when left out, for forms; not JSON Schema's `default`, which the response serializer would fill in.
    'x-default': true,
    description:
      "deliver a person's queued identifies (a backlog) as one contact write, and skip a company upsert identical to "
      + 'the last one sent; default true',
  })),
  maxConcurrency: Type.Optional(Type.Integer({
    minimum: 1, maximum: MAX_CONCURRENCY_BOUND,
    description:
      'most deliveries in flight at once (different people); below it ferry keeps as many as the rate limit times the '
      + 'latency needs. Default 64',
  })),
};

export const IntercomSettingsSchema = Type.Object({
  ...fields,
  accessToken: Type.Optional(secret(Type.String({ description: 'write-only: answers show "****" and its last 4 characters' }))),
});

export const IntercomSettingsBody = Type.Object(
  {
    ...fields,
    region: Type.Optional(fields.region),
    apiVersion: Type.Optional(fields.apiVersion),
    accessToken: Type.Optional(secret(Type.Union([Type.String({ minLength: 1 }), Type.Null()], {
      description: 'absent (or the "****" form an answer showed): the stored token stays; null: removed',
    }))),
  },
  { additionalProperties: false },
);

const API_VERSION = /^2\.\d{1,2}$/;

/** `context.endpointPolicy`: where credentials may go (R22), as the operator's environment allows. */
export function checkIntercomSettings(value: unknown, path: string, fail: Fail, context: DestinationContext): IntercomSettings {
  const keys = [
    'accessToken', 'region', 'endpoint', 'apiVersion', 'retry', 'workspace', 'matchLeadsByEmail', 'createMissingAttributes', 'coalesce',
    'maxConcurrency',
  ];
  const settings = ObjectReader.open(value, path, keys, fail);
  const accessToken = settings.string('accessToken');
  const region = settings.string('region') ?? 'us';
  if (!(REGIONS as readonly string[]).includes(region)) {
    fail(settings.at('region'), `must be one of ${REGIONS.join(', ')}, got "${region}"`);
  }
  const endpoint = settings.string('endpoint');
  if (endpoint !== undefined) {
    checkEndpoint(endpoint, settings.at('endpoint'), fail);
    const refusal = endpointRefusal({ region: region as Region, endpoint }, context.endpointPolicy);
    if (refusal !== undefined) fail(settings.at('endpoint'), refusal);
  }
  const apiVersion = settings.string('apiVersion') ?? DEFAULT_API_VERSION;
  if (!API_VERSION.test(apiVersion)) {
    fail(settings.at('apiVersion'), `must be an Intercom API version like "${DEFAULT_API_VERSION}", got "${apiVersion}"`);
  }
  const retry = settings.has('retry') ? checkRetry(settings.value('retry'), settings.at('retry'), fail) : undefined;
  const workspace = settings.has('workspace') ? checkWorkspace(settings.value('workspace'), settings.at('workspace'), fail) : undefined;
  const matchLeadsByEmail = settings.has('matchLeadsByEmail') ? settings.boolean('matchLeadsByEmail', false) : undefined;
  const createMissingAttributes = settings.boolean('createMissingAttributes', false);
  const coalesce = settings.boolean('coalesce', true);
  const maxConcurrency = settings.positiveInteger('maxConcurrency');
  if (maxConcurrency !== undefined && maxConcurrency > MAX_CONCURRENCY_BOUND) {
    fail(settings.at('maxConcurrency'), `must be at most ${MAX_CONCURRENCY_BOUND}, got ${maxConcurrency}`);
  }
  return {
    ...(accessToken === undefined ? {} : { accessToken }),
    region: region as Region,
    ...(endpoint === undefined ? {} : { endpoint }),
    apiVersion,
    ...(retry === undefined ? {} : { retry }),
    ...(workspace === undefined ? {} : { workspace }),
    ...(matchLeadsByEmail === undefined ? {} : { matchLeadsByEmail }),
    ...(createMissingAttributes ? { createMissingAttributes } : {}),
    ...(coalesce ? {} : { coalesce }),
    ...(maxConcurrency === undefined ? {} : { maxConcurrency }),
  };
}

// Written by OAuth connect (and kept by a config export); both fields or none.
function checkWorkspace(value: unknown, path: string, fail: Fail): IntercomWorkspace {
  const workspace = ObjectReader.open(value, path, ['idCode', 'name'], fail);
  return { idCode: workspace.requiredString('idCode'), name: workspace.requiredString('name') };
}

// The same rules the Intercom client applies, so a bad endpoint fails at load, not at the first delivery.
function checkEndpoint(endpoint: string, path: string, fail: Fail): void {
  let url: URL | undefined;
  try {
    url = new URL(endpoint);
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
    fail(path, 'must be an http(s) URL, such as http://127.0.0.1:4010');
  }
  if (url.username || url.password || url.search || url.hash) {
    fail(path, 'must not contain credentials, a query or a fragment');
  }
}
