// The Intercom destination: its actions (by key and alias) and the default mappings used when none are configured.
import type { ActionSpec } from '../kit/action.js';
import type { IntercomContext } from './context.js';
import { identifyCompany } from './identify-company/index.js';
import { identifyContact } from './identify-contact/index.js';
import { trackEvent } from './track-event/index.js';

export type IntercomAction = ActionSpec<IntercomContext>;

export const INTERCOM_ACTIONS: readonly IntercomAction[] = [identifyContact, identifyCompany, trackEvent];

const byKey = new Map<string, IntercomAction>(
  INTERCOM_ACTIONS.flatMap((action) => [action.key, ...(action.aliases ?? [])].map((key) => [key, action] as const)),
);

export function findAction(key: string): IntercomAction | undefined {
  return byKey.get(key);
}

export const ACTION_KEYS = [...byKey.keys()];

export interface PresetMapping {
  name: string;
  action: string;
  trigger: string;
  mapping: Record<string, unknown>;
  enabled: boolean;
}

/** One mapping per action with its default trigger and field mapping: what a destination without mappings uses. */
export const PRESET_MAPPINGS: readonly PresetMapping[] = INTERCOM_ACTIONS.map((action) => ({
  name: action.title,
  action: action.key,
  trigger: action.defaultTrigger,
  mapping: action.defaultMapping,
  enabled: true,
}));
