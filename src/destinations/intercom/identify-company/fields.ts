// Identify Company's fields: Intercom's company attributes, and who to attach the company to.
import { Type } from '@sinclair/typebox';
import { field } from '../../kit/fields.js';

export const identifyCompanyFields = {
  company_id: field.string({
    label: 'Company ID', description: 'Your unique id for the company.', defaultMapping: { '@path': '$.groupId' },
  }),
  name: Type.Optional(field.string({
    label: 'Company Name', description: 'The name of the company.', defaultMapping: { '@path': '$.traits.name' },
  })),
  remote_created_at: Type.Optional(field.datetime({
    label: 'Company Creation Time',
    description: 'When the company was created in your system.',
    defaultMapping: { '@path': '$.traits.createdAt' },
  })),
  monthly_spend: Type.Optional(field.number({
    label: 'Monthly Spend',
    description: 'How much revenue the company generates for you (Intercom keeps whole units).',
    defaultMapping: { '@path': '$.traits.monthly_spend' },
  })),
  plan: Type.Optional(field.string({
    label: 'Plan', description: "The name of the company's plan.", defaultMapping: { '@path': '$.traits.plan' },
  })),
  size: Type.Optional(field.number({
    label: 'Company Size', description: 'The number of employees.', defaultMapping: { '@path': '$.traits.employees' },
  })),
  website: Type.Optional(field.string({
    label: 'Company Website', description: "The company's website.", defaultMapping: { '@path': '$.traits.website' },
  })),
  industry: Type.Optional(field.string({
    label: 'Industry', description: "The company's industry.", defaultMapping: { '@path': '$.traits.industry' },
  })),
  custom_attributes: Type.Optional(field.object({
    label: 'Custom Attributes',
    description: 'Custom attributes of the company (each must exist in Intercom, or the setting createMissingAttributes creates it; values string, number, boolean).',
  })),
  contact_id: Type.Optional(field.string({
    label: 'Contact ID', description: 'The Intercom id of the contact to attach the company to.',
  })),
  external_id: Type.Optional(field.string({
    label: 'External ID',
    description: 'Your id of the user to attach the company to (used when no contact id is given).',
    defaultMapping: { '@path': '$.userId' },
  })),
  email: Type.Optional(field.string({
    label: 'Email',
    description: 'Email of the user to attach the company to (used when neither contact id nor external id is given).',
    defaultMapping: { '@path': '$.traits.email' },
  })),
};
