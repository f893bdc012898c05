// Data attributes of one workspace: the built-in ones and the custom ones a contact or company may carry.
import { parameterInvalid } from '../errors.js';

export type AttributeModel = 'contact' | 'company';
export const DATA_TYPES = ['string', 'integer', 'float', 'boolean', 'datetime', 'date'] as const;
export type DataType = (typeof DATA_TYPES)[number];

export interface CustomAttribute {
  id: number;
  model: AttributeModel;
  name: string;
  description: string | null;
  dataType: DataType;
  options: string[] | null;
  messengerWritable: boolean;
  archived: boolean;
  adminId: string;
  createdAt: number;
  updatedAt: number;
}

// Intercom allows at most 250 custom attributes per workspace.
export const MAX_CUSTOM_ATTRIBUTES = 250;

// [name, full_name, label, data_type, api_writable, description (the label when Intercom's docs give none)]
type Builtin = [string, string, string, string, boolean, string?];
const BUILTINS: Record<AttributeModel, Builtin[]> = {
  contact: [
    ['id', 'id', 'ID', 'string', false],
    ['role', 'role', 'Role', 'string', true],
    ['external_id', 'external_id', 'User ID', 'string', true],
    ['email', 'email', 'Email', 'string', true],
    ['phone', 'phone', 'Phone', 'string', true],
    ['name', 'name', 'Name', 'string', true],
    ['avatar', 'avatar', 'Avatar', 'string', true],
    ['owner_id', 'owner_id', 'Owner', 'integer', true],
    ['unsubscribed_from_emails', 'unsubscribed_from_emails', 'Unsubscribed from emails', 'boolean', true],
    ['created_at', 'created_at', 'Created at', 'date', false],
    ['updated_at', 'updated_at', 'Updated at', 'date', false],
    ['signed_up_at', 'signed_up_at', 'Signed up', 'date', true],
    ['last_seen_at', 'last_seen_at', 'Last seen', 'date', true],
  ],
  // As Intercom's 2.11 reference answer lists them, in its order (plan.name is read-only there).
  company: [
    ['name', 'name', 'Company name', 'string', true, 'The name of a company'],
    ['company_id', 'company_id', 'Company ID', 'string', false, 'A number identifying a company'],
    ['last_request_at', 'last_request_at', 'Company last seen', 'date', false,
      'The last day anyone from a company visited your site or app'],
    ['remote_created_at', 'remote_created_at', 'Company created at', 'date', true,
      'The day a company was added to Intercom'],
    ['user_count', 'user_count', 'People', 'integer', false, 'The number of people in a company'],
    ['session_count', 'session_count', 'Company web sessions', 'integer', false,
      "All visits from anyone in a company to your product's site or app"],
    ['name', 'plan.name', 'Plan', 'string', false,
      'A specific plan or level within your product that companies have signed up to'],
    ['monthly_spend', 'monthly_spend', 'Monthly Spend', 'float', true, 'The monthly revenue you receive from a company'],
    ['size', 'size', 'Company size', 'integer', true,
      'The number of people employed in this company, expressed as a single number'],
    ['industry', 'industry', 'Company industry', 'string', true,
      "The category or domain this company belongs to e.g. 'ecommerce' or 'SaaS'"],
    ['website', 'website', 'Company website', 'string', true, "The web address for the company's primary marketing site"],
    ['id', 'id', 'ID', 'string', false, 'The Intercom defined id representing the company'],
    ['created_at', 'created_at', 'Created at', 'date', false, 'The time the company was added to Intercom'],
    ['updated_at', 'updated_at', 'Updated at', 'date', false, 'The last time the company was updated'],
    ['id', 'plan.id', 'Plan ID', 'string', false, 'The Intercom defined id representing the plan'],
    ['app_id', 'app_id', 'App ID', 'string', false, 'The Intercom defined id representing the app'],
  ],
};

const NAME_PATTERN = /^[\p{L}\p{N}\p{Sc} _-]+$/u;
const MODEL_WORD: Record<AttributeModel, string> = { contact: 'people', company: 'company' };

export interface NewAttribute {
  model: AttributeModel;
  name: string;
  dataType: DataType;
  description?: string | null;
  options?: string[] | null;
  messengerWritable?: boolean;
}

export interface AttributeChange {
  archived?: boolean;
  description?: string | null;
  options?: string[] | null;
  messengerWritable?: boolean;
}

export class DataAttributeStore {
  private custom: CustomAttribute[] = [];
  private nextId = 1;

  constructor(private readonly adminId: string) {}

  find(model: AttributeModel, name: string): CustomAttribute | undefined {
    return this.custom.find((a) => a.model === model && a.name === name && !a.archived);
  }

  /** The first name in `names` with no live custom attribute of this model. */
  firstMissing(model: AttributeModel, names: Iterable<string>): string | undefined {
    for (const name of names) if (!this.find(model, name)) return name;
    return undefined;
  }

  create(input: NewAttribute, nowSeconds: number): CustomAttribute {
    if (!NAME_PATTERN.test(input.name)) {
      // Like every documented refusal of this endpoint, without a `field`.
      throw parameterInvalid(
        'Your name for this attribute must only contain alphanumeric characters, currency symbols, and hyphens',
      );
    }
    const existing = this.custom.find((a) => a.name === input.name && !a.archived);
    if (existing) {
      throw parameterInvalid(
        `You already have '${input.name}' in your ${MODEL_WORD[existing.model]} data. ` +
          `To save this as new ${MODEL_WORD[input.model]} data, use a different name.`,
      );
    }
    if (this.custom.filter((a) => !a.archived).length >= MAX_CUSTOM_ATTRIBUTES) {
      throw parameterInvalid(`A workspace can have at most ${MAX_CUSTOM_ATTRIBUTES} custom attributes`);
    }
    const attribute: CustomAttribute = {
      id: this.nextId++,
      model: input.model,
      name: input.name,
      description: input.description ?? null,
      dataType: input.dataType,
      options: input.options ?? null,
      messengerWritable: input.messengerWritable ?? false,
      archived: false,
      adminId: this.adminId,
      createdAt: nowSeconds,
      updatedAt: nowSeconds,
    };
    this.custom.push(attribute);
    return attribute;
  }

  /** PUT /data_attributes/{id}: archive or unarchive it, change its description, options or messenger_writable. */
  update(id: number, change: AttributeChange, nowSeconds: number): CustomAttribute | undefined {
    const attribute = this.custom.find((a) => a.id === id);
    if (!attribute) return undefined;
    if (change.archived !== undefined) attribute.archived = change.archived;
    if (change.description !== undefined) attribute.description = change.description;
    if (change.options !== undefined) attribute.options = change.options;
    if (change.messengerWritable !== undefined) attribute.messengerWritable = change.messengerWritable;
    attribute.updatedAt = nowSeconds;
    return attribute;
  }

  list(model: AttributeModel | undefined, includeArchived: boolean) {
    const models: AttributeModel[] = model ? [model] : ['contact', 'company'];
    const builtins = models.flatMap((m) => BUILTINS[m].map((b) => builtinJson(m, b)));
    const custom = this.custom
      .filter((a) => models.includes(a.model) && (includeArchived || !a.archived))
      .map(customAttributeJson);
    return [...builtins, ...custom];
  }

  clear(): void {
    this.custom = [];
    this.nextId = 1;
  }
}

function builtinJson(model: AttributeModel, [name, fullName, label, dataType, apiWritable, description]: Builtin) {
  return {
    type: 'data_attribute',
    name,
    full_name: fullName,
    label,
    description: description ?? label,
    data_type: dataType,
    api_writable: apiWritable,
    ui_writable: false,
    messenger_writable: true,
    custom: false,
    archived: false,
    model,
  };
}

export function customAttributeJson(a: CustomAttribute) {
  return {
    id: a.id,
    type: 'data_attribute',
    name: a.name,
    full_name: `custom_attributes.${a.name}`,
    label: a.name,
    ...(a.description === null ? {} : { description: a.description }),
    data_type: a.dataType,
    ...(a.options === null ? {} : { options: a.options }),
    api_writable: true,
    ui_writable: false,
    messenger_writable: a.messengerWritable,
    custom: true,
    archived: a.archived,
    admin_id: a.adminId,
    created_at: a.createdAt,
    updated_at: a.updatedAt,
    model: a.model,
  };
}
