/** The storefront shell: header, the page for the current URL, and the footer. */
import { useEffect } from 'preact/hooks';
import { ChatWidget } from './components/chat-widget.js';
import { Header } from './components/header.js';
import { Link } from './components/link.js';
import { useCategoryName } from './lib/categories.js';
import { connection$ } from './lib/client.js';
import { useI18n, type Translate } from './lib/i18n.js';
import { useObservable } from './lib/observable.js';
import { HOME_URL, matchRoute, useUrl, type Route } from './lib/router.js';
import { CartPage } from './pages/cart.js';
import { HomePage } from './pages/home.js';
import { ProductPage } from './pages/product.js';
import { SearchView } from './pages/search.js';

function pageTitle(route: Route, t: Translate, categoryName: (path: string) => string): string | undefined {
  switch (route.name) {
    case 'search':
      return route.params.get('q') ?? t('allProducts');
    case 'category':
      return categoryName(route.path);
    case 'cart':
      return t('cartTitle');
    case 'not-found':
      return t('notFound');
    default:
      // The product page names itself once its item has loaded.
      return undefined;
  }
}

function Page() {
  const { lang, t } = useI18n();
  const categoryName = useCategoryName(lang);
  const route = matchRoute(useUrl());
  const title = pageTitle(route, t, categoryName);
  useEffect(() => {
    if (route.name === 'product') return;
    document.title = title ? `${title} · ${t('brand')}` : `${t('brand')} · ${t('demoNotice')}`;
  }, [title, route.name, lang]);
  switch (route.name) {
    case 'home':
      return <HomePage />;
    case 'product':
      return <ProductPage key={route.id} id={route.id} />;
    case 'search':
      return <SearchView params={route.params} />;
    case 'category':
      return <SearchView key={route.path} params={route.params} category={route.path} />;
    case 'cart':
      return <CartPage />;
    case 'not-found':
      return (
        <div class="container page empty-state">
          <h1>{t('notFound')}</h1>
          <Link class="button primary" href={HOME_URL}>
            {t('backHome')}
          </Link>
        </div>
      );
  }
}

function ConnectionNotice() {
  const { t } = useI18n();
  const connection = useObservable(connection$);
  if (connection.status !== 'failed') return null;
  return (
    <div class="container">
      <p class="notice" role="alert">
        {connection.reason === 'no-key' ? t('noKey') : t('loadFailed')}
      </p>
    </div>
  );
}

/** The whole storefront. */
export function App() {
  const { t } = useI18n();
  return (
    <>
      <Header />
      <main id="main">
        <ConnectionNotice />
        <Page />
      </main>
      <footer class="site-footer">
        <div class="container">
          <p>{t('trackingNotice')}</p>
          <p class="muted">
            导购 Daogou · <a href="/docs">API</a> · <a href="/console/">Console</a>
          </p>
        </div>
      </footer>
      <ChatWidget />
    </>
  );
}
