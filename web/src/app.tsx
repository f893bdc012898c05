// The web app: the session gate, the frame, and the routes; each page loads when first opened.
import { lazy, Suspense, type ComponentType } from 'react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { Redirect, Route, Switch } from 'wouter';
import { ApiError } from './api/client.js';
import { useSession } from './api/session.js';
import { Loading } from './components/loading.js';
import { DestinationShell } from './layout/destination-shell.js';
import { Layout } from './layout/layout.js';
import { SignInPage } from './pages/sign-in.js';

// A page's module loads the first time it is opened: the first visit fetches only the frame.
function page<P>(load: () => Promise<Record<string, unknown>>, name: string) {
  return lazy(async () => ({ default: (await load())[name] as ComponentType<P> }));
}
const DestinationsPage = page(() => import('./pages/destinations/destinations-page.js'), 'DestinationsPage');
const CatalogPage = page(() => import('./pages/catalog/catalog-page.js'), 'CatalogPage');
const ConfigurePage = page<{ type: string }>(() => import('./pages/catalog/configure-page.js'), 'ConfigurePage');
const SettingsPage = page<{ id: string }>(() => import('./pages/settings/settings-page.js'), 'SettingsPage');
const MappingsPage = page<{ id: string }>(() => import('./pages/mappings/mappings-page.js'), 'MappingsPage');
const MappingEditorPage = page<{ id: string; name?: string }>(() => import('./pages/mappings/mapping-editor-page.js'), 'MappingEditorPage');
const EventTesterPage = page<{ id: string }>(() => import('./pages/event-tester/event-tester-page.js'), 'EventTesterPage');
const DeliveriesPage = page<{ id: string }>(() => import('./pages/deliveries/deliveries-page.js'), 'DeliveriesPage');
const DeliveryDetailPage = page<{ deliveryId: string }>(() => import('./pages/deliveries/delivery-detail-page.js'), 'DeliveryDetailPage');
const SourcesPage = page(() => import('./pages/sources/sources-page.js'), 'SourcesPage');
const SourcePage = page<{ id: string }>(() => import('./pages/sources/source-page.js'), 'SourcePage');

export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        // A 4xx will not change by asking again; a network failure might.
        retry: (count, error) => count < 2 && !(error instanceof ApiError && error.status >= 400 && error.status < 500),
        refetchOnWindowFocus: true,
      },
    },
  });
}

export function App({ queryClient = createQueryClient() }: { queryClient?: QueryClient }) {
  return (
    <QueryClientProvider client={queryClient}>
      <SessionGate />
    </QueryClientProvider>
  );
}

function SessionGate() {
  const { state, signIn, signOut } = useSession();
  if (state.status === 'loading') return <Loading what="Opening ferry" />;
  if (state.status === 'signed-out') return <SignInPage onSignIn={signIn} reason={state.reason} />;
  return (
    <Layout onSignOut={signOut}>
      <Suspense fallback={<Loading />}>
        <Routes />
      </Suspense>
    </Layout>
  );
}

function Routes() {
  return (
    <Switch>
      <Route path="/">{() => <DestinationsPage />}</Route>
      <Route path="/catalog">{() => <CatalogPage />}</Route>
      <Route path="/catalog/:type">{(params) => <ConfigurePage type={params.type} />}</Route>
      <Route path="/sources">{() => <SourcesPage />}</Route>
      <Route path="/sources/:id">{(params) => <SourcePage id={params.id} />}</Route>
      <Route path="/deliveries/:deliveryId">{(params) => <DeliveryDetailPage deliveryId={params.deliveryId} />}</Route>
      <Route path="/destinations/:id" nest>
        {(params) => (
          <DestinationShell id={params.id}>
            <Switch>
              <Route path="/settings">{() => <SettingsPage id={params.id} />}</Route>
              <Route path="/mappings">{() => <MappingsPage id={params.id} />}</Route>
              <Route path="/mappings/new">{() => <MappingEditorPage id={params.id} />}</Route>
              <Route path="/mappings/edit/:name">{(inner) => <MappingEditorPage id={params.id} name={inner.name} />}</Route>
              <Route path="/event-tester">{() => <EventTesterPage id={params.id} />}</Route>
              <Route path="/deliveries">{() => <DeliveriesPage id={params.id} />}</Route>
              <Route>
                <Redirect to="/settings" replace />
              </Route>
            </Switch>
          </DestinationShell>
        )}
      </Route>
      <Route>
        <section>
          <h1>Page not found</h1>
          <p>
            There is nothing at this address. <a href="/">Go to the destinations</a>.
          </p>
        </section>
      </Route>
    </Switch>
  );
}
