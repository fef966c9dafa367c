/** The console application: sign-in gate, frame and the page for the current path. */
import type { JSX } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { setAuthErrorHandler, storeKey, storedKey } from './api.js';
import { Layout } from './components/layout.js';
import { AssistantPage } from './pages/assistant.js';
import { CataloguePage } from './pages/catalogue.js';
import { ConnectorsPage } from './pages/connectors.js';
import { ContentPage } from './pages/content.js';
import { CustomerPage } from './pages/customer.js';
import { CustomersPage } from './pages/customers.js';
import { ExperimentsPage } from './pages/experiments.js';

import { ForecastsPage } from './pages/forecasts.js';
import { VisionPage } from './pages/vision.js';
import { ImportPage } from './pages/import.js';
import { ItemPage } from './pages/item.js';
import { JourneysPage } from './pages/journeys.js';
import { KeysPage } from './pages/keys.js';
import { LoginPage } from './pages/login.js';
import { NotFoundPage } from './pages/not-found.js';
import { OverviewPage } from './pages/overview.js';
import { RecommendationsPage } from './pages/recommendations.js';
import { SearchPage } from './pages/search.js';
import { SegmentsPage } from './pages/segments.js';
import { segment, useRoute } from './router.js';

/** Picks the page for a path below /console. */
function routePage(path: string): JSX.Element {
  const [first, second] = [segment(path, 0), segment(path, 1)];
  switch (first) {
    case undefined:
    case 'overview':
      return <OverviewPage />;
    case 'catalogue':
      return second === undefined ? <CataloguePage /> : <ItemPage key={second} id={second} />;
    case 'customers':
      return second === undefined ? <CustomersPage /> : <CustomerPage key={second} id={second} />;
    case 'recommendations':
      return <RecommendationsPage />;
    case 'search':
      return <SearchPage />;
    case 'segments':
      return <SegmentsPage />;
    case 'experiments':
      return <ExperimentsPage />;
    case 'journeys':
      return <JourneysPage />;
    case 'assistant':
      return <AssistantPage />;

    case 'forecasts':
      return <ForecastsPage />;
    case 'vision':
      return <VisionPage />;
    case 'content':
      return <ContentPage />;
    case 'import':
      return <ImportPage />;
    case 'connectors':
      return <ConnectorsPage />;
    case 'keys':
      return <KeysPage />;
    default:
      return <NotFoundPage />;
  }
}

/** The root component. */
export function App(): JSX.Element {
  const [key, setKey] = useState<string | null>(() => storedKey());
  const [message, setMessage] = useState<string>();
  const { path } = useRoute();

  useEffect(() => {
    setAuthErrorHandler((error) => {
      storeKey(null);
      setMessage(error.message);
      setKey(null);
    });
  }, []);

  if (!key) {
    return (
      <LoginPage
        message={message}
        onLogin={(k) => {
          storeKey(k);
          setMessage(undefined);
          setKey(k);
        }}
      />
    );
  }
  return (
    <Layout
      path={path}
      onSignOut={() => {
        storeKey(null);
        setMessage(undefined);
        setKey(null);
      }}
    >
      {routePage(path)}
    </Layout>
  );
}
