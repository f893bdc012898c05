// Intercom's actions, in the order the catalog and the presets list them.
import type { ActionSpec } from '../kit/action.js';
import type { IntercomContext } from './context.js';
import { identifyCompany } from './identify-company/index.js';
import { identifyContact } from './identify-contact/index.js';
import { trackEvent } from './track-event/index.js';

export type IntercomAction = ActionSpec<IntercomContext>;

export const INTERCOM_ACTIONS: readonly IntercomAction[] = [identifyContact, identifyCompany, trackEvent];
