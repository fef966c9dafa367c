/** The product page: picture, title, price, details, add to cart; then bought-together and similar items. */
import { useEffect, useState } from 'preact/hooks';
import { Link } from '../components/link.js';
import { ProductArt } from '../components/product-art.js';
import { ReviewSummary } from '../components/review-summary.js';
import { Shelf } from '../components/shelf.js';
import { addToCart } from '../lib/cart.js';
import { useCategoryName } from '../lib/categories.js';
import { clientReady, identity$ } from '../lib/client.js';
import { cssColour } from '../lib/colours.js';
import { formatPrice } from '../lib/format.js';
import { useI18n, type Translate } from '../lib/i18n.js';
import { useObservable } from '../lib/observable.js';
import { loadProduct } from '../lib/product-loader.js';
import {
  attributeText,
  productBadges,
  productDescription,
  productTitle,
  shipsFree,
  type Product,
} from '../lib/product.js';
import { CART_URL, HOME_URL, categoryUrl } from '../lib/router.js';
import { trackView } from '../lib/tracking.js';
import { useAsync } from '../lib/use-async.js';

const SHELF_SIZE = 12;
const LOW_STOCK = 10;

function Breadcrumb({ product }: { product: Product }) {
  const { lang, t } = useI18n();
  const name = useCategoryName(lang);
  const parts = product.category?.split('/') ?? [];
  return (
    <nav class="breadcrumb" aria-label="breadcrumb">
      <Link href={HOME_URL}>{t('home')}</Link>
      {parts.map((_, i) => {
        const path = parts.slice(0, i + 1).join('/');
        return (
          <span key={path}>
            <span class="crumb-sep">/</span>
            <Link href={categoryUrl(path)}>{name(path)}</Link>
          </span>
        );
      })}
    </nav>
  );
}

function stockLine(product: Product, t: Translate): { text: string; tone: string } {
  if (!product.inStock) return { text: t('outOfStock'), tone: 'bad' };
  if (product.stock !== null && product.stock <= LOW_STOCK)
    return { text: t('lowStock', { n: product.stock }), tone: 'warn' };
  return { text: t('inStock'), tone: 'good' };
}

function Details({ product }: { product: Product }) {
  const { lang, t } = useI18n();
  const [added, setAdded] = useState(false);
  useEffect(() => setAdded(false), [product.id]);
  const colour = attributeText(product, 'color', lang);
  const rows: [string, string | undefined][] = [
    [t('color'), colour],
    [t('size'), attributeText(product, 'size', lang)],
    [t('material'), attributeText(product, 'material', lang)],
    [t('style'), attributeText(product, 'style', lang)],
  ];
  const stock = stockLine(product, t);
  const badges = productBadges(product);
  const badgeLabel = { new: t('badgeNew'), hot: t('badgeHot'), sale: t('badgeSale') };
  const description = productDescription(product, lang);
  return (
    <div class="product-main">
      <div class="product-gallery">
        <ProductArt product={product} cover />
      </div>
      <div class="product-info">
        {product.brand && <div class="product-brand">{product.brand}</div>}
        <h1 class="product-title" data-testid="product-title">
          {productTitle(product, lang)}
        </h1>
        {badges.length > 0 && (
          <div class="badges inline">
            {badges.map((b) => (
              <span key={b} class={`badge badge-${b}`}>
                {badgeLabel[b]}
              </span>
            ))}
          </div>
        )}
        <div class="product-price-row">
          <span class="product-price price" data-testid="product-price">
            {formatPrice(product.price, product.currency, lang)}
          </span>
          {shipsFree(product) && <span class="tag">{t('freeShipping')}</span>}
        </div>
        <dl class="product-attrs">
          {rows
            .filter((row): row is [string, string] => row[1] !== undefined)
            .map(([label, value]) => (
              <div key={label}>
                <dt>{label}</dt>
                <dd>
                  {label === t('color') && (
                    <span class="swatch" style={{ background: cssColour(product.attributes.color) ?? '#ccc' }} />
                  )}
                  {value}
                </dd>
              </div>
            ))}
        </dl>
        <p class={`stock stock-${stock.tone}`}>{stock.text}</p>
        <div class="buy-row">
          <button
            type="button"
            class="button primary large"
            data-testid="add-to-cart"
            disabled={!product.inStock}
            onClick={() => {
              void clientReady.then((client) => addToCart(client, product));
              setAdded(true);
            }}
          >
            {t('addToCart')}
          </button>
          {added && (
            <p class="added-note" role="status">
              ✓ {t('addedToCart')} · <Link href={CART_URL}>{t('checkout')} →</Link>
            </p>
          )}
        </div>
        {description && (
          <section class="product-description">
            <h2>{t('details')}</h2>
            <p>{description}</p>
          </section>
        )}
      </div>
    </div>
  );
}

/** The product page for an item id. */
export function ProductPage({ id }: { id: string }) {
  const { lang, t } = useI18n();
  const { version } = useObservable(identity$);
  const state = useAsync((client, signal) => loadProduct(client, id, signal), [id]);
  const product = state.data;

  // One view per opening of the page (and per identity: a switch is a different shopper looking).
  useEffect(() => {
    if (product) void clientReady.then((client) => trackView(client, product));
  }, [product?.id, version]);

  useEffect(() => {
    if (product) document.title = `${productTitle(product, lang)} · ${t('brand')}`;
  }, [product, lang]);

  if (state.error !== undefined && !product)
    return (
      <div class="container page">
        <p class="muted">
          {t('loadFailed')}{' '}
          <button type="button" class="link-button" onClick={state.retry}>
            {t('retry')}
          </button>
        </p>
      </div>
    );
  if (!product && !state.loading)
    return (
      <div class="container page empty-state">
        <h1>{t('productNotFound')}</h1>
        <Link class="button" href={HOME_URL}>
          {t('backHome')}
        </Link>
      </div>
    );
  return (
    <div class="container page">
      {product ? (
        <>
          <Breadcrumb product={product} />
          <Details product={product} />
          <ReviewSummary id={product.id} />
        </>
      ) : (
        <div class="product-main" aria-busy="true">
          <div class="product-gallery skeleton" />
          <div class="product-info">
            <div class="skeleton-line wide" />
            <div class="skeleton-line" />
          </div>
        </div>
      )}
      <Shelf
        testId="shelf-bought-together"
        surface="bought-together"
        title={t('boughtTogether')}
        deps={[id, version]}
        hideWhenEmpty
        load={(client, signal) => client.recommendations.boughtTogether(id, { k: SHELF_SIZE, inStock: true, signal })}
      />
      <Shelf
        testId="shelf-similar"
        surface="similar"
        title={t('similar')}
        deps={[id, version]}
        load={(client, signal) => client.recommendations.similar(id, { k: SHELF_SIZE, inStock: true, signal })}
      />
    </div>
  );
}
