/** The page header: the demo bar (browse as, language), the logo, search, cart and the category menu. */
import { cart$, cartUnits } from '../lib/cart.js';
import { useCategoryName } from '../lib/categories.js';
import { browseAs, connection$, identity$ } from '../lib/client.js';
import { useDepartments } from '../lib/departments.js';
import { setLang, useI18n } from '../lib/i18n.js';
import { useObservable } from '../lib/observable.js';
import { describeShopper } from '../lib/shoppers.js';
import { BASE, CART_URL, HOME_URL, categoryUrl, matchRoute, useUrl } from '../lib/router.js';
import { Link } from './link.js';
import { SearchBox } from './search-box.js';

function DemoBar() {
  const { lang, t } = useI18n();
  const categoryName = useCategoryName(lang);
  const connection = useObservable(connection$);
  const { shopperId } = useObservable(identity$);
  const shoppers = connection.status === 'ready' ? connection.config.shoppers : [];
  // A remembered shopper no longer offered (the demo re-picks them as profiles fill in) stays selectable.
  const options =
    shopperId !== null && !shoppers.some((s) => s.id === shopperId)
      ? [...shoppers, { id: shopperId, name: shopperId, description: '' }]
      : shoppers;
  return (
    <div class="demo-bar">
      <div class="container demo-bar-inner">
        <span class="demo-notice">{t('demoNotice')}</span>
        <label class="demo-control grow">
          <span class="demo-control-label">{t('browseAs')}</span>
          <select
            data-testid="browse-as"
            value={shopperId ?? ''}
            onChange={(event) => browseAs(event.currentTarget.value || null)}
          >
            <option value="">{t('anonymous')}</option>
            {options.map((s) => (
              <option key={s.id} value={s.id}>
                {s.description ? `${s.name} · ${describeShopper(s.description, lang, categoryName)}` : s.name}
              </option>
            ))}
          </select>
        </label>
        <label class="demo-control">
          <span class="sr-only">{t('language')}</span>
          <select
            data-testid="language-switch"
            value={lang}
            aria-label={t('language')}
            onChange={(event) => setLang(event.currentTarget.value === 'en' ? 'en' : 'zh')}
          >
            <option value="zh">中文</option>
            <option value="en">English</option>
          </select>
        </label>
      </div>
    </div>
  );
}

function CategoryNav() {
  const { lang, t } = useI18n();
  const name = useCategoryName(lang);
  const departments = useDepartments();
  const route = matchRoute(useUrl());
  const current = route.name === 'category' ? route.path.split('/')[0] : route.name === 'home' ? '' : undefined;
  return (
    <nav class="category-nav" aria-label={t('category')}>
      <div class="container category-nav-inner">
        <Link href={HOME_URL} class={current === '' ? 'nav-link active' : 'nav-link'}>
          {t('featured')}
        </Link>
        {departments.map((d) => (
          <Link key={d} href={categoryUrl(d)} class={current === d ? 'nav-link active' : 'nav-link'}>
            {name(d)}
          </Link>
        ))}
      </div>
    </nav>
  );
}

/** The header. */
export function Header() {
  const { t } = useI18n();
  const units = cartUnits(useObservable(cart$));
  return (
    <header class="site-header">
      <DemoBar />
      <div class="masthead">
        <div class="container masthead-inner">
          <Link href={`${BASE}/`} class="logo" aria-label={t('home')}>
            <span class="logo-mark" aria-hidden="true">
              导
            </span>
            <span class="logo-text">
              {t('brand')}
              <small>{t('brand') === '导购' ? 'Daogou' : '导购'}</small>
            </span>
          </Link>
          <SearchBox />
          <Link href={CART_URL} class="cart-link" aria-label={t('cart')}>
            <svg viewBox="0 0 24 24" aria-hidden="true">
              <path
                d="M3 4h2.2l2.1 10.4a1.6 1.6 0 0 0 1.6 1.3h8.4a1.6 1.6 0 0 0 1.5-1.1L21 8H6.2"
                fill="none"
                stroke="currentColor"
                stroke-width="1.9"
                stroke-linecap="round"
                stroke-linejoin="round"
              />
              <circle cx="9.5" cy="19.5" r="1.5" fill="currentColor" />
              <circle cx="17" cy="19.5" r="1.5" fill="currentColor" />
            </svg>
            <span class="cart-label">{t('cart')}</span>
            <span class={units > 0 ? 'cart-count' : 'cart-count empty'} data-testid="cart-count">
              {units}
            </span>
          </Link>
        </div>
      </div>
      <CategoryNav />
    </header>
  );
}
