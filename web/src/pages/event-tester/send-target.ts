// Where the Event Tester's requests go for a destination: its real workspace, another endpoint, or ferry's simulator.
import type { Destination } from '../../api/types.js';

export interface SendTarget {
  /** true: the requests change a real workspace (ask before sending). */
  real: boolean;
  /** Completes "The requests go to …". */
  where: string;
}

export function sendTarget(destination: Destination): SendTarget {
  const { accessToken, endpoint, region } = destination.settings;
  // A destination without credentials is in sandbox mode: ferry delivers to the simulator it runs in its own process.
  if (!accessToken) return { real: false, where: "ferry's Intercom simulator (sandbox mode: this destination has no access token yet)" };
  if (typeof endpoint === 'string' && endpoint !== '') return { real: true, where: `the endpoint in its settings, ${endpoint}` };
  return { real: true, where: `your Intercom workspace${typeof region === 'string' ? ` (region ${region.toUpperCase()})` : ''}` };
}
