// The Destinations list: state (with the pause's reason), type, sources, mappings, links; the empty state.
import { describe, expect, it } from 'vitest';
import { screen, within } from '@testing-library/react';
import { fakeApi, renderAt } from '../../test-support/render.js';
import { DestinationsPage } from './destinations-page.js';

const types = [{ key: 'intercom', title: 'Intercom', description: '', integrationNames: ['Intercom', 'Intercom Cloud Mode (Actions)'], settings: {}, secretSettings: [], oauth: true, actions: [], presets: [] }];
const mapping = (name: string, enabled: boolean) => ({ name, action: 'trackEvent', enabled });

describe('the Destinations page', () => {
  it('lists each destination with its state, type, sources, mappings and pages', async () => {
    fakeApi()
      .on('GET /api/destination-types', { body: { types } })
      .on('GET /api/sources', { body: [{ id: 'web', name: 'Website', writeKey: '****' }] })
      .on('GET /api/destinations', {
        body: [
          { id: 'intercom', type: 'intercom', enabled: true, settings: {}, presets: true, mappings: [mapping('a', true), mapping('b', true), mapping('c', true)], pausedReason: null, sources: null },
          { id: 'eu', name: 'Intercom EU', type: 'intercom', enabled: true, settings: {}, presets: false, mappings: [mapping('a', true), mapping('b', false)], pausedReason: 'Intercom refused the access token (401)', sources: ['web', 'ios'] },
          { id: 'new', type: 'intercom', enabled: false, settings: {}, presets: true, mappings: [], pausedReason: null, sources: [] },
        ],
      });
    renderAt(<DestinationsPage />);
    const first = await screen.findByRole('article', { name: 'intercom' });
    expect(within(first).getByText('Enabled')).toBeTruthy();
    expect(first.textContent).toContain('Intercom Cloud Mode (Actions) · id intercom');
    expect(first.textContent).toContain('SourcesEvery source');
    expect(first.textContent).toContain('Mappings3 presets');
    expect(within(first).getAllByRole('link').map((link) => [link.textContent, link.getAttribute('href')])).toEqual([
      ['intercom', '/destinations/intercom/settings'],
      ['Settings', '/destinations/intercom/settings'],
      ['Mappings', '/destinations/intercom/mappings'],
      ['Deliveries', '/destinations/intercom/deliveries'],
    ]);
    const paused = screen.getByRole('article', { name: 'Intercom EU' });
    expect(within(paused).getByText('Paused')).toBeTruthy();
    expect(paused.textContent).toContain('Paused: Intercom refused the access token (401). Connect it again or give a new token.');
    expect(paused.textContent).toContain('SourcesWebsite, ios');
    expect(paused.textContent).toContain('Mappings2 mappings, 1 enabled');
    const disabled = screen.getByRole('article', { name: 'new' });
    expect(within(disabled).getByText('Disabled')).toBeTruthy();
    expect(disabled.textContent).toContain('SourcesNo source');
  });

  it('leads to the Catalog when there is no destination', async () => {
    fakeApi().on('GET /api/destinations', { body: [] }).on('GET /api/sources', { body: [] }).on('GET /api/destination-types', { body: { types } });
    renderAt(<DestinationsPage />);
    expect((await screen.findByText('No destination yet.')).closest('.card')!.textContent).toContain('delivered once a destination takes them');
    expect(screen.getByRole('link', { name: 'Choose one in the Catalog' }).getAttribute('href')).toBe('/catalog');
  });
});
