// The check Intercom makes before a write: every custom attribute must already be defined for the model.
import { parameterInvalid } from '../errors.js';
import type { Workspace } from '../workspace.js';
import type { AttributeModel } from './store.js';

export function checkAttributesExist(workspace: Workspace, model: AttributeModel, attributes: object): void {
  const missing = workspace.attributes.firstMissing(model, Object.keys(attributes));
  // Intercom answers this one without a `field` (like its "Conversation attribute 'x' does not exist").
  if (missing !== undefined) throw parameterInvalid(`Custom attribute '${missing}' does not exist`);
}
