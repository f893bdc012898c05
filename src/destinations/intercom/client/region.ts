// Intercom's regional API hosts, the API version ferry speaks, and where a destination's requests go (R19).

export type Region = 'us' | 'eu' | 'au';

export const INTERCOM_API_VERSION = '2.11';

export const REGION_BASE_URLS: Readonly<Record<Region, string>> = {
  us: 'https://api.intercom.io',
  eu: 'https://api.eu.intercom.io',
  au: 'https://api.au.intercom.io',
};

/** The endpoint override when set (trailing slashes trimmed), else the region's host (US when none is given). */
export function baseUrlFor(settings: { region?: Region; endpoint?: string }): string {
  const endpoint = settings.endpoint?.trim();
  if (endpoint) return endpoint.replace(/\/+$/, '');
  const region = settings.region ?? 'us';
  // An unknown region must not silently fall back to the US host: data residency depends on it.
  if (!Object.hasOwn(REGION_BASE_URLS, region)) {
    throw new TypeError(`unknown Intercom region '${String(region)}' (expected us, eu or au)`);
  }
  return REGION_BASE_URLS[region];
}

/** A base URL split into the origin a connection pool serves and the path prefix every request path gets. */
export function splitBaseUrl(baseUrl: string): { origin: string; pathPrefix: string } {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    throw new TypeError(`Intercom endpoint '${baseUrl}' is not a URL`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new TypeError(`Intercom endpoint '${baseUrl}' must be an http or https URL`);
  }
  if (url.username || url.password || url.search || url.hash) {
    throw new TypeError('Intercom endpoint must not carry credentials, a query or a fragment');
  }
  return { origin: url.origin, pathPrefix: url.pathname.replace(/\/+$/, '') };
}
