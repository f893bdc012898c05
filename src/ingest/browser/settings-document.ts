// The settings analytics.js fetches from its CDN before it sends anything, written for ferry: one integration, ferry's API.

/** Where the browser reaches ferry's tracking API: analytics.js posts to `${protocol}://${apiHost}/<t|i|p|...>`. */
export interface ApiBase {
  protocol: 'http' | 'https';
  /** Host, port and any path prefix, ending in `/v1`, without the scheme (as Segment writes `api.segment.io/v1`). */
  apiHost: string;
}

/** The API base for a public URL such as `https://ferry.example.com` or `http://10.0.0.5:4000/ferry/`. */
export function apiBaseOf(publicUrl: string): ApiBase | undefined {
  const match = /^(https?):\/\/([^/?#\s]+)(\/[^?#\s]*)?$/i.exec(publicUrl.trim());
  if (!match) return undefined;
  const path = (match[3] ?? '').replace(/\/+$/, '');
  return { protocol: match[1]!.toLowerCase() as ApiBase['protocol'], apiHost: `${match[2]}${path}/v1` };
}

/**
 * Segment's settings document with only the `Segment.io` integration (ferry is the destination; classic device-mode
 * integrations would load code from Segment's CDN). Remote metrics are off: by default analytics.js would post them to
 * api.segment.io.
 */
export function settingsDocument(writeKey: string, api: ApiBase) {
  return {
    integrations: {
      'Segment.io': {
        apiKey: writeKey,
        apiHost: api.apiHost,
        protocol: api.protocol,
        unbundledIntegrations: [],
        addBundledMetadata: true,
        maybeBundledConfigIds: {},
      },
    },
    plan: {},
    edgeFunction: {},
    analyticsNextEnabled: true,
    middlewareSettings: {},
    enabledMiddleware: {},
    metrics: { sampleRate: 0 },
    legacyVideoPluginsEnabled: false,
    remotePlugins: [],
  };
}
