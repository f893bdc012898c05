// Copy-ready snippets for sending a source's events to ferry: curl, analytics-node, and Segment's analytics.js snippet.

/** Shown in a snippet when the whole write key is not known here (ferry shows it only once). */
export const KEY_PLACEHOLDER = 'WRITE_KEY';

export const SAMPLE_IDENTIFY = { userId: 'user-1', traits: { email: 'ada@example.com', name: 'Ada Lovelace' } };

/** A single-quoted shell word: a quote inside becomes '\''. */
export const shellQuote = (text: string) => `'${text.replace(/'/g, `'\\''`)}'`;

/** A JS string literal that is also safe inside an HTML <script> element. */
const jsString = (text: string) => JSON.stringify(text).replace(/</g, '\\u003c');

export function curlSnippet(origin: string, writeKey: string): string {
  return [
    `curl -u ${shellQuote(`${writeKey}:`)} -H 'content-type: application/json' \\`,
    `  -d ${shellQuote(JSON.stringify(SAMPLE_IDENTIFY))} \\`,
    `  ${origin}/v1/identify`,
  ].join('\n');
}

/** Segment's Node.js library, `@segment/analytics-node`, pointed at ferry. */
export function analyticsNodeSnippet(origin: string, writeKey: string): string {
  return [
    `import { Analytics } from '@segment/analytics-node';`,
    ``,
    `const analytics = new Analytics({ writeKey: ${jsString(writeKey)}, host: ${jsString(origin)} });`,
    `analytics.identify({ userId: 'user-1', traits: { email: 'ada@example.com', name: 'Ada Lovelace' } });`,
    `analytics.track({ userId: 'user-1', event: 'Order Completed', properties: { revenue: 19.99 } });`,
    `await analytics.closeAndFlush();`,
  ].join('\n');
}

/** Segment's analytics.js snippet (5.2.0) as Segment gives it, with only its host changed to ferry's. */
export function analyticsJsSnippet(origin: string, writeKey: string): string {
  const key = jsString(writeKey);
  return [
    '<script>',
    `  !function(){var i="analytics",analytics=window[i]=window[i]||[];if(!analytics.initialize)if(analytics.invoked)window.console&&console.error&&console.error("Segment snippet included twice.");else{analytics.invoked=!0;analytics.methods=["trackSubmit","trackClick","trackLink","trackForm","pageview","identify","reset","group","track","ready","alias","debug","page","screen","once","off","on","addSourceMiddleware","addIntegrationMiddleware","setAnonymousId","addDestinationMiddleware","register"];analytics.factory=function(e){return function(){if(window[i].initialized)return window[i][e].apply(window[i],arguments);var n=Array.prototype.slice.call(arguments);if(["track","screen","alias","group","page","identify"].indexOf(e)>-1){var c=document.querySelector("link[rel='canonical']");n.push({__t:"bpc",c:c&&c.getAttribute("href")||void 0,p:location.pathname,u:location.href,s:location.search,t:document.title,r:document.referrer})}n.unshift(e);analytics.push(n);return analytics}};for(var n=0;n<analytics.methods.length;n++){var key=analytics.methods[n];analytics[key]=analytics.factory(key)}analytics.load=function(key,n){var t=document.createElement("script");t.type="text/javascript";t.async=!0;t.setAttribute("data-global-segment-analytics-key",i);t.src="${origin}/analytics.js/v1/" + key + "/analytics.min.js";var r=document.getElementsByTagName("script")[0];r.parentNode.insertBefore(t,r);analytics._loadOptions=n};analytics._writeKey=${key};;analytics.SNIPPET_VERSION="5.2.0";`,
    `  analytics.load(${key});`,
    '  analytics.page();',
    '  }}();',
    '</script>',
  ].join('\n');
}
