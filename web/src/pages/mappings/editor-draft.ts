// The mapping editor's draft: where it starts (a saved mapping or the action's defaults) and the request it makes.
import type { MappingSpec } from '../../api/types.js';
import { buildMapping, defaultFieldValues, savedFieldValues, type FieldValue } from './field-values.js';
import type { CatalogAction, MappingDraft } from './mappings-api.js';

export interface EditorDraft {
  name: string;
  action: string;
  trigger: string;
  /** Set while the trigger builder holds an incomplete condition: nothing can be saved or tested. */
  triggerProblems: string[];
  values: Record<string, FieldValue>;
  enabled: boolean;
}

/** Where a problem is shown: beside the name, the trigger, a field, or with the Save button. */
export interface Problem {
  place: 'name' | 'trigger' | 'field' | 'other';
  field?: string;
  message: string;
}

export function findAction(actions: CatalogAction[], key: string): CatalogAction | undefined {
  return actions.find((a) => a.key === key || a.aliases.includes(key));
}

/** A saved mapping as it is, or a new one from the action's default trigger and fields (disabled until enabled). */
export function initialDraft(action: CatalogAction, saved?: MappingSpec): EditorDraft {
  if (saved) {
    return {
      name: saved.name, action: action.key, trigger: saved.trigger ?? action.defaultTrigger, triggerProblems: [],
      values: savedFieldValues(action.fields, saved.mapping), enabled: saved.enabled,
    };
  }
  return { name: '', action: action.key, trigger: action.defaultTrigger, triggerProblems: [], values: defaultFieldValues(action.fields), enabled: false };
}

/** The draft with another action: its default trigger and fields (the old fields do not fit the new action). */
export function withAction(draft: EditorDraft, action: CatalogAction): EditorDraft {
  return { ...draft, action: action.key, trigger: action.defaultTrigger, triggerProblems: [], values: defaultFieldValues(action.fields) };
}

/** The admin API body of the draft, or the problems that keep it from being sent (the name only matters to Save). */
export function requestOf(draft: EditorDraft, action: CatalogAction, purpose: 'save' | 'test'): { body?: MappingDraft; problems: Problem[] } {
  const problems: Problem[] = [];
  const name = draft.name.trim();
  if (purpose === 'save' && name === '') problems.push({ place: 'name', message: 'Give the mapping a name.' });
  for (const message of draft.triggerProblems) problems.push({ place: 'trigger', message });
  if (draft.triggerProblems.length === 0 && draft.trigger.trim() === '') problems.push({ place: 'trigger', message: 'Give a trigger: which events this mapping sends.' });
  const built = buildMapping(action.fields, draft.values);
  for (const [field, message] of Object.entries(built.problems)) problems.push({ place: 'field', field, message });
  if (problems.length > 0) return { problems };
  const body: MappingDraft = { action: action.key, trigger: draft.trigger.trim(), mapping: built.mapping };
  if (name !== '') body.name = name;
  if (purpose === 'save') body.enabled = draft.enabled;
  return { body, problems };
}
