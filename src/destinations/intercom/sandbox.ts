// Sandbox mode: the Intercom simulator in this process, and the settings that send a destination without a token there.
import { DEFAULT_TOKEN } from '../../../sim/intercom/defaults.js';
import type { SandboxCapability } from '../kit/define-destination.js';

export const intercomSandbox: SandboxCapability = {
  async start({ port, host }) {
    // Imported here: the simulator's HTTP server is loaded only by a ferry that runs in sandbox mode.
    const { startSimulator } = await import('../../../sim/intercom/index.js');
    const sim = await startSimulator({ port, host });
    return {
      url: sim.url,
      settings: (settings) => ({ ...settings, accessToken: DEFAULT_TOKEN, endpoint: sim.url }),
      banner: [
        `no Intercom access token, so deliveries go to the Intercom simulator at ${sim.url}`,
        `(see what arrived: ${sim.url}/_sim/state)`,
      ],
      address: () => sim.app.server.address() as { address: string; port: number },
      close: () => sim.close(),
    };
  },
};
