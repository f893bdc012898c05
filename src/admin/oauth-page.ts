// The small HTML pages the OAuth callback answers a browser with: no script, nothing loaded, never cached.
import type { FastifyReply } from 'fastify';

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

export function sendPage(reply: FastifyReply, status: number, title: string, message: string): FastifyReply {
  const html =
    `<!doctype html><html><head><meta charset="utf-8"><title>${escapeHtml(title)} - ferry</title></head>` +
    `<body><h1>${escapeHtml(title)}</h1><p id="message">${escapeHtml(message)}</p>` +
    '<p><a href="/">Back to ferry</a></p></body></html>';
  return reply
    .status(status)
    .header('content-type', 'text/html; charset=utf-8')
    // The URL carries the code and state: keep it out of caches and Referer headers.
    .header('cache-control', 'no-store')
    .header('referrer-policy', 'no-referrer')
    .header('content-security-policy', "default-src 'none'")
    .header('x-content-type-options', 'nosniff')
    .send(html);
}
