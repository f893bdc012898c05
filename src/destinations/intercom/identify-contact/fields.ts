// Identify Contact's fields: Intercom's contact attributes with Segment's default mappings.
import { Type } from '@sinclair/typebox';
import { field } from '../../kit/fields.js';

export const identifyContactFields = {
  role: field.choice(['user', 'lead'], {
    label: 'Role',
    description: "The contact's role: 'user' for someone who signed up, 'lead' for an anonymous visitor.",
    defaultMapping: { '@if': { exists: { '@path': '$.userId' }, then: 'user', else: 'lead' } },
  }),
  external_id: Type.Optional(field.string({
    label: 'External ID',
    description: 'Your unique id for the user (a lead never has one).',
    defaultMapping: { '@path': '$.userId' },
  })),
  email: Type.Optional(field.string({
    label: 'Email',
    description: "The contact's email address.",
    defaultMapping: { '@path': '$.traits.email' },
  }, { format: 'email' })),
  phone: Type.Optional(field.string({
    label: 'Phone', description: "The contact's phone number.", defaultMapping: { '@path': '$.traits.phone' },
  })),
  name: Type.Optional(field.string({
    label: 'Name', description: "The contact's full name.", defaultMapping: { '@path': '$.traits.name' },
  })),
  avatar: Type.Optional(field.string({
    label: 'Avatar', description: 'URL of an image of the contact.', defaultMapping: { '@path': '$.traits.avatar' },
  }, { format: 'uri' })),
  signed_up_at: Type.Optional(field.datetime({
    label: 'Signed Up Timestamp',
    description: 'When the user signed up.',
    defaultMapping: { '@path': '$.traits.createdAt' },
  })),
  last_seen_at: Type.Optional(field.datetime({
    label: 'Last Seen Timestamp', description: 'When the contact was last seen.', defaultMapping: { '@path': '$.timestamp' },
  })),
  owner_id: Type.Optional(field.number({
    label: 'Owner ID',
    description: 'The id of the Intercom admin who owns the contact.',
    defaultMapping: { '@path': '$.traits.ownerId' },
  })),
  unsubscribed_from_emails: Type.Optional(field.boolean({
    label: 'Unsubscribed From Emails',
    description: 'Whether the contact has unsubscribed from emails.',
    defaultMapping: { '@path': '$.traits.unsubscribedFromEmails' },
  })),
  custom_attributes: Type.Optional(field.object({
    label: 'Custom Attributes',
    description: 'Custom attributes of the contact (each must exist in Intercom, or the setting createMissingAttributes creates it; values string, number, boolean).',
  })),
};
