// The Event Tester's engine: one event through every mapping of a destination, for real, reporting each outcome.
import type { CompiledRoute } from '../subscriptions/compile.js';
import { executeRoute, type ExecuteDeps } from './execute.js';
import type { MappingOutcome } from './outcome.js';

export async function testEvent(
  routes: readonly CompiledRoute[],
  event: object,
  deps: ExecuteDeps,
): Promise<{ outcomes: MappingOutcome[] }> {
  const outcomes: MappingOutcome[] = [];
  // In order, one at a time: an identify mapping must reach Intercom before a track mapping of the same event.
  for (const route of routes) {
    const skip = !route.enabled ? 'the mapping is disabled' : !route.trigger(event) ? 'the trigger does not match' : null;
    if (skip) {
      outcomes.push({ mapping: route.name, action: route.action.key, status: 'filtered', reason: skip, warnings: [], requests: [] });
      continue;
    }
    outcomes.push(await executeRoute(route, event, deps));
  }
  return { outcomes };
}
