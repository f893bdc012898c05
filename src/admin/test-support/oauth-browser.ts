// Test support: OAuth walked like a browser — ferry's link (which sets the flow's cookie), the simulator's authorize
// page, its form, the callback — with a cookie jar per browser.
import { expect } from 'vitest';

const unescapeHtml = (text: string) =>
  text.replace(/&(amp|lt|gt|quot|#39);/g, (_, e: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" })[e]!);

export interface Page {
  status: number;
  headers: Headers;
  text: string;
}

/** One browser: keeps the cookies each origin sets (name and value; Max-Age=0 deletes) and sends them back there. */
export class Browser {
  private readonly jars = new Map<string, Map<string, string>>();

  async open(url: string, init: RequestInit = {}): Promise<Page> {
    const origin = new URL(url).origin;
    const jar = this.jars.get(origin) ?? new Map<string, string>();
    this.jars.set(origin, jar);
    const cookie = [...jar].map(([name, value]) => `${name}=${value}`).join('; ');
    const headers = new Headers(init.headers);
    if (cookie !== '') headers.set('cookie', cookie);
    const response = await fetch(url, { ...init, headers, redirect: 'manual' });
    for (const line of response.headers.getSetCookie()) {
      const [pair = '', ...attributes] = line.split(';').map((part) => part.trim());
      const [name = '', value = ''] = pair.split(/=(.*)/s);
      if (attributes.some((a) => /^max-age=0$/i.test(a))) jar.delete(name);
      else jar.set(name, value);
    }
    return { status: response.status, headers: response.headers, text: await response.text() };
  }

  cookies(origin: string): Map<string, string> {
    return new Map(this.jars.get(origin));
  }
}

/** A page opened by a browser that never opened ferry's link (no cookies at all). */
export const openPage = (url: string) => new Browser().open(url);

/** Opens ferry's OAuth link (`startUrl`, from oauth/start): it must send the browser on to the authorize page. */
export async function openLink(browser: Browser, startUrl: string): Promise<string> {
  const page = await browser.open(startUrl);
  expect(page.status, page.text).toBe(302);
  return page.headers.get('location')!;
}

/** Opens the authorize page, submits the form of `workspace` (an id_code) and returns where Intercom redirects. */
export async function chooseWorkspace(authorizeUrl: string, workspace: string, browser = new Browser()): Promise<string> {
  const page = await browser.open(authorizeUrl);
  expect(page.status).toBe(200);
  const forms = page.text.match(/<form method="post" action="\/oauth\/authorize">.*?<\/form>/g) ?? [];
  const form = forms.find((f) => f.includes(`name="workspace" value="${workspace}"`));
  expect(form, `a form for workspace ${workspace}`).toBeDefined();
  const fields = Object.fromEntries(
    [...form!.matchAll(/<input type="hidden" name="(\w+)" value="([^"]*)">/g)].map((m) => [m[1]!, unescapeHtml(m[2]!)]),
  );
  const answer = await browser.open(new URL('/oauth/authorize', authorizeUrl).toString(), {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields).toString(),
  });
  expect(answer.status).toBe(302);
  return answer.headers.get('location')!;
}

/** ferry's link -> the authorize page -> `workspace`'s form: the callback URL, to open in the same `browser`. */
export async function authorize(browser: Browser, startUrl: string, workspace: string): Promise<string> {
  return chooseWorkspace(await openLink(browser, startUrl), workspace, browser);
}
