// Component tests: a page rendered with its query client and router at a path, over a fake admin API that records calls.
import type { ReactNode } from 'react';
import { render } from '@testing-library/react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { Router } from 'wouter';
import { memoryLocation } from 'wouter/memory-location';
import { vi } from 'vitest';

export interface ApiCall {
  method: string;
  path: string;
  body: unknown;
  headers: Record<string, string>;
}

type Answer = { status?: number; body?: unknown } | ((call: ApiCall) => { status?: number; body?: unknown });

/**
 * A fake admin API on `fetch`: `on('GET /api/sources', {body: [...]})` answers a route (the query string is part of
 * the path when given, else ignored); an unanswered route gets a 404 in the API's error shape. `calls` lists requests.
 */
export function fakeApi() {
  const routes = new Map<string, Answer>();
  const calls: ApiCall[] = [];
  const fetchMock = vi.fn(async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const url = new URL(String(input), 'http://ferry.test');
    const method = (init.method ?? 'GET').toUpperCase();
    const call: ApiCall = {
      method,
      path: url.pathname + url.search,
      body: typeof init.body === 'string' ? JSON.parse(init.body) : undefined,
      headers: Object.fromEntries(Object.entries((init.headers ?? {}) as Record<string, string>).map(([k, v]) => [k.toLowerCase(), v])),
    };
    calls.push(call);
    const answer = routes.get(`${method} ${call.path}`) ?? routes.get(`${method} ${url.pathname}`);
    const { status = 200, body } = typeof answer === 'function' ? answer(call) : answer
      ?? { status: 404, body: { error: { code: 'FERRY_ERR_NOT_FOUND', message: `no fake answer for ${method} ${call.path}` } } };
    return new Response(status === 204 ? null : JSON.stringify(body ?? null), { status, headers: { 'content-type': 'application/json' } });
  });
  vi.stubGlobal('fetch', fetchMock);
  return {
    calls,
    on(route: string, answer: Answer) {
      routes.set(route, answer);
      return this;
    },
    /** The requests made to a route ("METHOD /path", query string ignored). */
    callsTo(route: string) {
      return calls.filter((call) => `${call.method} ${call.path.split('?')[0]}` === route);
    },
  };
}

export function renderAt(ui: ReactNode, path = '/') {
  const location = memoryLocation({ path, record: true });
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false }, mutations: { retry: false } } });
  const result = render(
    <QueryClientProvider client={queryClient}>
      <Router hook={location.hook}>{ui}</Router>
    </QueryClientProvider>,
  );
  return { ...result, location, queryClient };
}
