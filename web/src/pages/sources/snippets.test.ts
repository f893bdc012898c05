// The snippets: the host and key where each client wants them; analytics.js is README's snippet with only the host changed.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyticsJsSnippet, analyticsNodeSnippet, curlSnippet, shellQuote } from './snippets.js';

describe('the snippets', () => {
  it('curl: the key as the Basic user, an identify to ORIGIN/v1/identify', () => {
    expect(curlSnippet('http://127.0.0.1:4000', 'abc123')).toBe(
      `curl -u 'abc123:' -H 'content-type: application/json' \\\n` +
        `  -d '{"userId":"user-1","traits":{"email":"ada@example.com","name":"Ada Lovelace"}}' \\\n` +
        '  http://127.0.0.1:4000/v1/identify',
    );
    expect(shellQuote("it's")).toBe(`'it'\\''s'`);
  });

  it('analytics-node: writeKey and host in the constructor, identify, track and closeAndFlush', () => {
    const snippet = analyticsNodeSnippet('https://ferry.example.com', 'k"1');
    expect(snippet).toContain(`new Analytics({ writeKey: "k\\"1", host: "https://ferry.example.com" });`);
    expect(snippet).toContain('analytics.identify(');
    expect(snippet).toContain('analytics.track(');
    expect(snippet.endsWith('await analytics.closeAndFlush();')).toBe(true);
  });

  it("analytics.js: exactly the README's snippet, its host and key put in", () => {
    const readme = readFileSync(join(process.cwd(), 'README.md'), 'utf8');
    const documented = /```html\n(<script>[\s\S]*?<\/script>)\n```/.exec(readme)![1]!;
    expect(analyticsJsSnippet('https://ferry.example.com', 'WRITE_KEY')).toBe(documented);
    const mine = analyticsJsSnippet('http://127.0.0.1:4000', 'key-1</script>');
    expect(mine).toContain('t.src="http://127.0.0.1:4000/analytics.js/v1/" + key + "/analytics.min.js"');
    expect(mine).toContain('analytics.load("key-1\\u003c/script>");');
    expect(mine).not.toContain('cdn.segment.com');
  });
});
