// The Intercom simulator's public surface.
export { buildSimulator, startSimulator, type Simulator } from './server.js';
export { DEFAULT_TOKEN, DEFAULT_RATE_LIMIT, DEFAULT_OAUTH_CLIENT, type SimulatorOptions } from './state.js';
