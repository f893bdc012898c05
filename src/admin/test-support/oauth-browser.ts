// Test support: OAuth walked like a browser — ferry's start URL, the simulator's authorize page, its form, the callback.
import { expect } from 'vitest';

const unescapeHtml = (text: string) =>
  text.replace(/&(amp|lt|gt|quot|#39);/g, (_, e: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" })[e]!);

export interface Page {
  status: number;
  headers: Headers;
  text: string;
}

export async function openPage(url: string): Promise<Page> {
  const response = await fetch(url, { redirect: 'manual' });
  return { status: response.status, headers: response.headers, text: await response.text() };
}

/** Opens the authorize page, submits the form of `workspace` (an id_code) and returns where Intercom redirects. */
export async function chooseWorkspace(authorizeUrl: string, workspace: string): Promise<string> {
  const page = await openPage(authorizeUrl);
  expect(page.status).toBe(200);
  const forms = page.text.match(/<form method="post" action="\/oauth\/authorize">.*?<\/form>/g) ?? [];
  const form = forms.find((f) => f.includes(`name="workspace" value="${workspace}"`));
  expect(form, `a form for workspace ${workspace}`).toBeDefined();
  const fields = Object.fromEntries(
    [...form!.matchAll(/<input type="hidden" name="(\w+)" value="([^"]*)">/g)].map((m) => [m[1]!, unescapeHtml(m[2]!)]),
  );
  const response = await fetch(new URL('/oauth/authorize', authorizeUrl), {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields).toString(),
    redirect: 'manual',
  });
  expect(response.status).toBe(302);
  return response.headers.get('location')!;
}
