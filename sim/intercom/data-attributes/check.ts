// The check Intercom makes before a write: every custom attribute must already be defined for the model.
import { parameterInvalid } from '../errors.js';
import type { Workspace } from '../workspace.js';
import type { AttributeModel } from './store.js';

export function checkAttributesExist(workspace: Workspace, model: AttributeModel, attributes: object): void {
  const missing = workspace.attributes.firstMissing(model, Object.keys(attributes));
  if (missing !== undefined) {
    throw parameterInvalid(`Custom attribute '${missing}' does not exist`, `custom_attributes.${missing}`);
  }
}
