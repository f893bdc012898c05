// Track Event's fields: the event, who did it, revenue and metadata.
import { Type } from '@sinclair/typebox';
import { field } from '../../kit/fields.js';

export const trackEventFields = {
  event_name: field.string({
    label: 'Event Name', description: 'The name of the event (periods and dollar signs become hyphens).',
    defaultMapping: { '@path': '$.event' },
  }),
  created_at: field.datetime({
    label: 'Event Timestamp', description: 'When the event happened.', defaultMapping: { '@path': '$.timestamp' },
  }),
  user_id: Type.Optional(field.string({
    label: 'User ID', description: 'Your id of the user who did it.', defaultMapping: { '@path': '$.userId' },
  })),
  email: Type.Optional(field.string({
    label: 'Email', description: 'Email of the user who did it.', defaultMapping: { '@path': '$.properties.email' },
  })),
  revenue: Type.Optional(field.number({
    label: 'Revenue', description: 'Revenue of the event, sent as money metadata (price).',
    defaultMapping: { '@path': '$.properties.revenue' },
  })),
  currency: Type.Optional(field.string({
    label: 'Currency', description: 'ISO currency code of the revenue (default USD).',
    defaultMapping: { '@path': '$.properties.currency' },
  })),
  id: Type.Optional(field.string({
    label: 'Contact ID', description: 'The Intercom id of the contact who did it (required by Intercom for leads).',
  })),
  metadata: Type.Optional(field.object({
    label: 'Event Metadata', description: 'Properties of the event (at most 10 are kept).',
    defaultMapping: { '@path': '$.properties' },
  })),
};
