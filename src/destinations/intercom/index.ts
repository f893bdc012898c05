// The Intercom destination: its definition, its actions (by key and alias) and the presets used when none are configured.
import type { PresetMapping } from '../kit/define-destination.js';
import type { IntercomAction } from './actions.js';
import { intercom } from './definition.js';

export { INTERCOM_ACTIONS, type IntercomAction } from './actions.js';
export { intercom } from './definition.js';

export function findAction(key: string): IntercomAction | undefined {
  return intercom.findAction(key) as IntercomAction | undefined;
}

/** One mapping per action with its default trigger and field mapping: what a destination without mappings uses. */
export const PRESET_MAPPINGS: readonly PresetMapping[] = intercom.presets;
