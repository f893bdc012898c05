// String formats fields may declare, registered with TypeBox so validation checks them like Segment does.
import { FormatRegistry } from '@sinclair/typebox';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function isUrl(value: string): boolean {
  try {
    return ['http:', 'https:'].includes(new URL(value).protocol);
  } catch {
    return false;
  }
}

export const FORMAT_DESCRIPTIONS: Record<string, string> = { email: 'an email address', uri: 'an http(s) URL' };

if (!FormatRegistry.Has('email')) FormatRegistry.Set('email', (value) => EMAIL.test(value));
if (!FormatRegistry.Has('uri')) FormatRegistry.Set('uri', isUrl);
