// The router: one job per matching enabled mapping, a filtered job when none matches, none where Segment's
// `integrations` object or a disabled destination says no.
import { describe, expect, it } from 'vitest';
import { Router } from './router.js';

const router = () => {
  const r = new Router();
  r.update([
    { id: 'intercom', type: 'intercom', enabled: true },
    { id: 'off', type: 'intercom', enabled: false },
  ]);
  return r;
};
const track = (extra: object = {}) => ({ type: 'track', userId: 'u1', event: 'Signed Up', ...extra });

describe('Router.jobsFor', () => {
  it('makes one job per matching preset of an enabled destination, and a filtered job where none matches', () => {
    expect(router().jobsFor(track())).toEqual([{ destinationId: 'intercom', mappingName: 'Track Event', action: 'trackEvent' }]);
    expect(router().jobsFor({ type: 'page', userId: 'u1' })).toEqual([{ destinationId: 'intercom', mappingName: null }]);
  });

  it.each([
    [{ Intercom: false }, []],
    [{ 'Intercom Cloud Mode (Actions)': false }, []],
    [{ All: false }, []],
    [{ All: false, Intercom: true }, ['Track Event']],
    [{ All: false, Intercom: { someOption: 1 } }, ['Track Event']],
    [{ All: true, Intercom: false }, []],
    [{ Mixpanel: false }, ['Track Event']],
  ])('honours integrations %j', (integrations, mappings) => {
    expect(router().jobsFor(track({ integrations })).map((job) => job.mappingName)).toEqual(mappings);
  });
});

describe('Router.jobsFor with the sources a destination receives', () => {
  const fed = () => {
    const r = new Router();
    r.update([
      { id: 'all', type: 'intercom', enabled: true },
      { id: 'web-only', type: 'intercom', enabled: true, sources: ['web'] },
      { id: 'none', type: 'intercom', enabled: true, sources: [] },
    ]);
    return r;
  };

  it('routes an event only to the destinations its source feeds (no list: every source)', () => {
    expect(fed().jobsFor(track(), 'web').map((job) => job.destinationId)).toEqual(['all', 'web-only']);
    expect(fed().jobsFor(track(), 'app').map((job) => job.destinationId)).toEqual(['all']);
  });

  it('routes to all of them when no source is named (the testers)', () => {
    expect(fed().jobsFor(track()).map((job) => job.destinationId)).toEqual(['all', 'web-only', 'none']);
  });
});
