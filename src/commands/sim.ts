// `ferry sim`: the Intercom simulator alone, with a banner saying how to reach it.
import { startSimulator } from '../../sim/intercom/index.js';

export interface SimOptions {
  port: number;
  host: string;
  token: string;
  rateLimit: number;
  windowSeconds: number;
  searchLagMs: number;
  latencyMs: number;
}

export async function runSimulator(options: SimOptions): Promise<void> {
  const sim = await startSimulator({
    port: options.port,
    host: options.host,
    workspaces: [{ name: 'Sandbox', token: options.token, idCode: 'sandbox1' }],
    rateLimit: { limit: options.rateLimit, windowSeconds: options.windowSeconds },
    searchLagMs: options.searchLagMs,
    latencyMs: options.latencyMs,
  });
  const lines = [
    `Intercom simulator (API 2.11) listening on ${sim.url}`,
    `  token:    ${options.token}   (workspace "Sandbox", region US)`,
    `  try:      curl -H 'Authorization: Bearer ${options.token}' ${sim.url}/me`,
    `  control:  ${sim.url}/_sim/state, /_sim/requests, POST /_sim/reset, POST /_sim/faults`,
  ];
  const stop = () => {
    void sim.close().then(() => process.exit(0));
  };
  // Before the banner: whoever reads it may signal at once.
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  process.stdout.write(lines.join('\n') + '\n');
}

