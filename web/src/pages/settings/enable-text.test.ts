// The sentence that confirms enabling: sources, workspace, and the enabled mappings by name.
import { describe, expect, it } from 'vitest';
import { enableSummary } from './enable-text.js';

const mapping = (name: string, enabled = true) => ({ name, action: 'trackEvent', enabled });
const sources = [{ id: 'web', name: 'Website', writeKey: '****' }, { id: 'ios', writeKey: '****' }];

describe('enableSummary', () => {
  it('names the sources, the workspace and the enabled mappings', () => {
    expect(enableSummary({
      destination: { sources: ['web', 'ios'], presets: false, mappings: [mapping('Signups'), mapping('Old', false), mapping('Orders')] },
      sources, typeTitle: 'Intercom', workspace: 'Europe Co',
    })).toBe('Events from sources Website, ios will be delivered to Intercom workspace Europe Co through 2 mappings: Signups, Orders.');
  });

  it('says every source, presets, and an unknown workspace', () => {
    expect(enableSummary({
      destination: { sources: null, presets: true, mappings: [mapping('Identify Contact')] }, sources, typeTitle: 'Intercom',
    })).toBe(
      'Events from every source (also the ones added later) will be delivered to Intercom (the workspace of the stored ' +
        'credentials; test the connection to see which) through 1 preset mapping: Identify Contact.',
    );
  });

  it('warns when nothing would be sent', () => {
    expect(enableSummary({ destination: { sources: ['web'], presets: false, mappings: [mapping('a', false)] }, sources, typeTitle: 'Intercom', workspace: 'W' }))
      .toBe('Events from source Website will be delivered to Intercom workspace W. No mapping is enabled, so nothing will be sent until you enable one.');
  });
});
