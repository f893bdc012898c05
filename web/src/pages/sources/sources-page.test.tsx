// The Sources page: create shows the whole key once, rotate asks first and sends exactly its request, delete shows refusals.
import { describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { fakeApi, renderAt } from '../../test-support/render.js';
import { SourcesPage } from './sources-page.js';

const WEB = { id: 'web', name: 'Website', writeKey: 'wk-web-0123456789' };

describe('the Sources page', () => {
  it('lists sources with masked keys; create sends the form and shows the whole key once, with a copy button', async () => {
    let sources = [WEB];
    const api = fakeApi()
      .on('GET /api/sources', () => ({ body: sources }))
      .on('POST /api/sources', (call) => {
        const created = { ...(call.body as object), writeKey: 'generated-key-abcdefghijklmnop' } as typeof WEB;
        sources = [...sources, created];
        return { status: 201, body: created };
      });
    renderAt(<SourcesPage />, '/sources');
    const user = userEvent.setup();
    const card = await screen.findByRole('article', { name: 'Website' });
    expect(within(card).getByText('****6789')).toBeTruthy();
    expect(document.body.textContent).not.toContain(WEB.writeKey);

    await user.type(screen.getByLabelText('Id'), 'backend');
    await user.type(screen.getByLabelText('Name (optional)'), 'Backend');
    await user.click(screen.getByRole('button', { name: 'Create source' }));
    await waitFor(() => expect(api.callsTo('POST /api/sources')).toHaveLength(1));
    expect(api.callsTo('POST /api/sources')[0]!.body).toEqual({ id: 'backend', name: 'Backend' });

    const notice = await screen.findByRole('region', { name: 'Source backend created' });
    expect(within(notice).getByLabelText('Write key of backend').textContent).toBe('generated-key-abcdefghijklmnop');
    expect(within(notice).getByRole('button', { name: 'Copy write key' })).toBeTruthy();
    expect(notice.textContent).toContain('ferry will not show it again');
    const newCard = await screen.findByRole('article', { name: 'Backend' });
    expect(within(newCard).getByText('****mnop')).toBeTruthy();

    await user.click(within(notice).getByRole('button', { name: 'I have copied it' }));
    expect(document.body.textContent).not.toContain('generated-key-abcdefghijklmnop');
    expect((screen.getByLabelText('Id') as HTMLInputElement).value).toBe('');
  });

  it("shows the API's refusal of a new source at the field it names", async () => {
    fakeApi()
      .on('GET /api/sources', { body: [WEB] })
      .on('POST /api/sources', { status: 409, body: { error: { code: 'FERRY_ERR_CONFLICT', message: "source 'web' already exists", path: 'id' } } });
    renderAt(<SourcesPage />, '/sources');
    const user = userEvent.setup();
    await user.type(await screen.findByLabelText('Id'), 'web');
    await user.click(screen.getByRole('button', { name: 'Create source' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toBe("The source was not created: source 'web' already exists at id (FERRY_ERR_CONFLICT)");
    expect(screen.getByLabelText('Id').getAttribute('aria-invalid')).toBe('true');
  });

  it('rotates a key only after the confirmation, with exactly its request, and shows the new key once', async () => {
    const api = fakeApi()
      .on('GET /api/sources', { body: [WEB] })
      .on('POST /api/sources/web/rotate-write-key', { body: { ...WEB, writeKey: 'rotated-key-0000000000000000wxyz' } });
    renderAt(<SourcesPage />, '/sources');
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Rotate write key of web' }));
    const confirm = screen.getByRole('group', { name: 'Rotate the write key of web?' });
    expect(confirm.textContent).toContain('The old key stops working at once');
    expect(api.callsTo('POST /api/sources/web/rotate-write-key')).toHaveLength(0);

    await user.click(within(confirm).getByRole('button', { name: 'Cancel' }));
    expect(api.callsTo('POST /api/sources/web/rotate-write-key')).toHaveLength(0);
    await user.click(screen.getByRole('button', { name: 'Rotate write key of web' }));
    await user.click(screen.getByRole('button', { name: 'Rotate the key now' }));
    const notice = await screen.findByRole('region', { name: 'New write key' });
    expect(api.callsTo('POST /api/sources/web/rotate-write-key')).toEqual([
      expect.objectContaining({ method: 'POST', path: '/api/sources/web/rotate-write-key', body: {} }),
    ]);
    expect(within(notice).getByLabelText('Write key of web').textContent).toBe('rotated-key-0000000000000000wxyz');
  });

  it("shows a refused delete in the API's words and offers to force it", async () => {
    const api = fakeApi()
      .on('GET /api/sources', { body: [WEB] })
      .on('DELETE /api/sources/web', (call) =>
        call.path.endsWith('?force=true')
          ? { status: 204 }
          : { status: 409, body: { error: { code: 'FERRY_ERR_CONFLICT', message: 'source "web" has 3 unfinished deliveries' } } });
    renderAt(<SourcesPage />, '/sources');
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Delete web' }));
    await user.click(within(screen.getByRole('group', { name: 'Delete web?' })).getByRole('button', { name: 'Delete web' }));
    expect((await screen.findByRole('alert')).textContent).toContain('source "web" has 3 unfinished deliveries');
    await user.click(screen.getByRole('button', { name: 'Delete anyway, dropping the unfinished deliveries' }));
    await waitFor(() => expect(api.calls.filter((c) => c.method === 'DELETE').map((c) => c.path)).toEqual([
      '/api/sources/web', '/api/sources/web?force=true',
    ]));
  });

  it('disables edits of a source the config file manages, and says why', async () => {
    fakeApi().on('GET /api/sources', { body: [{ ...WEB, managedByConfig: true }] });
    renderAt(<SourcesPage />, '/sources');
    const card = await screen.findByRole('article', { name: 'Website' });
    expect(within(card).getByRole('note').textContent).toContain('Managed by the config file.');
    expect((within(card).getByRole('button', { name: 'Rotate write key of web' }) as HTMLButtonElement).disabled).toBe(true);
    expect((within(card).getByRole('button', { name: 'Delete web' }) as HTMLButtonElement).disabled).toBe(true);
  });
});
