// The small HTML pages the OAuth links answer a browser with when they fail: no script, nothing loaded, never cached.
import type { FastifyReply } from 'fastify';

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** Where the page's link leads: the destination's settings when the flow is known to be for one, else ferry's start. */
export interface BackLink {
  href: string;
  label: string;
}

export const BACK_TO_FERRY: BackLink = { href: '/', label: 'Back to ferry' };

/** The web app's settings page of a destination (the path the app routes; the id is URL-encoded). */
export const settingsPath = (destinationId: string) => `/destinations/${encodeURIComponent(destinationId)}/settings`;

export const backToSettings = (destinationId: string): BackLink => ({
  href: settingsPath(destinationId),
  label: `Back to the settings of "${destinationId}"`,
});

/** The URL carries the code and state: keep it out of caches and Referer headers. */
export const noTrace = (reply: FastifyReply) => reply.header('cache-control', 'no-store').header('referrer-policy', 'no-referrer');

export function sendPage(reply: FastifyReply, status: number, title: string, message: string, back: BackLink = BACK_TO_FERRY): FastifyReply {
  const html =
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)} - ferry</title></head>` +
    `<body><h1>${escapeHtml(title)}</h1><p id="message">${escapeHtml(message)}</p>` +
    `<p><a href="${escapeHtml(back.href)}">${escapeHtml(back.label)}</a></p></body></html>`;
  return noTrace(reply.status(status))
    .header('content-type', 'text/html; charset=utf-8')
    .header('content-security-policy', "default-src 'none'")
    .header('x-content-type-options', 'nosniff')
    .send(html);
}
