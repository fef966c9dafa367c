/** The cart: lines with quantities, the total, and a checkout that records the order through the SDK. */
import { useState } from 'preact/hooks';
import { Link } from '../components/link.js';
import { ProductArt } from '../components/product-art.js';
import { Shelf } from '../components/shelf.js';
import { addToCart, cart$, cartTotal, cartUnits, checkout, removeFromCart, type CartLine } from '../lib/cart.js';
import { clientReady, flushFirst, identity$ } from '../lib/client.js';
import { formatPrice } from '../lib/format.js';
import { useI18n } from '../lib/i18n.js';
import { useObservable } from '../lib/observable.js';
import { productTitle } from '../lib/product.js';
import { HOME_URL, productUrl } from '../lib/router.js';

function Line({ line }: { line: CartLine }) {
  const { lang, t } = useI18n();
  const { product, quantity } = line;
  const title = productTitle(product, lang);
  const withClient = (action: (client: Awaited<typeof clientReady>) => void) => void clientReady.then(action);
  return (
    <li class="cart-line" data-testid="cart-line" data-item-id={product.id}>
      <Link class="cart-line-art" href={productUrl(product.id)} tabIndex={-1}>
        <ProductArt product={product} />
      </Link>
      <div class="cart-line-info">
        <Link class="cart-line-title" href={productUrl(product.id)}>
          {title}
        </Link>
        <span class="muted">{formatPrice(product.price, product.currency, lang)}</span>
        <div class="stepper" role="group" aria-label={t('quantity')}>
          <button
            type="button"
            aria-label={t('decrease')}
            onClick={() => withClient((client) => removeFromCart(client, product.id, 1))}
          >
            −
          </button>
          <span class="stepper-value" data-testid="cart-quantity">
            {quantity}
          </span>
          <button type="button" aria-label={t('increase')} onClick={() => withClient((c) => addToCart(c, product))}>
            +
          </button>
        </div>
      </div>
      <div class="cart-line-end">
        <span class="price">{formatPrice((product.price ?? 0) * quantity, product.currency, lang)}</span>
        <button
          type="button"
          class="link-button"
          onClick={() => withClient((client) => removeFromCart(client, product.id))}
        >
          {t('remove')}
        </button>
      </div>
    </li>
  );
}

function Confirmation({ orderId }: { orderId: string }) {
  const { t } = useI18n();
  return (
    <section class="confirmation" data-testid="order-confirmation" data-order-id={orderId} role="status">
      <div class="confirmation-icon" aria-hidden="true">
        ✓
      </div>
      <h1>{t('orderPlaced')}</h1>
      <p>
        {t('orderNumber')}: <code>{orderId}</code>
      </p>
      <p class="muted">{t('orderThanks')}</p>
      <Link class="button primary" href={HOME_URL}>
        {t('continueShopping')}
      </Link>
    </section>
  );
}

/** The cart page. */
export function CartPage() {
  const { lang, t } = useI18n();
  const lines = useObservable(cart$);
  const { version } = useObservable(identity$);
  const [orderId, setOrderId] = useState<string | null>(null);
  const [placing, setPlacing] = useState(false);
  const currency = lines.find((l) => l.product.currency)?.product.currency ?? 'CNY';
  const total = cartTotal(lines);

  const placeOrder = async () => {
    setPlacing(true);
    try {
      const client = await clientReady;
      setOrderId(await checkout(client, identity$.get().shopperId));
    } finally {
      setPlacing(false);
    }
  };

  const suggestions = (
    <Shelf
      testId="shelf-cart-suggestions"
      surface="cart"
      title={t('youMayLike')}
      showReasons
      deps={[version, orderId]}
      load={async (client, signal) => {
        await flushFirst(client);
        return client.recommendations.forCustomer({ k: 12, inStock: true, signal });
      }}
    />
  );

  if (orderId !== null && lines.length === 0)
    return (
      <div class="container page">
        <Confirmation orderId={orderId} />
        {suggestions}
      </div>
    );

  return (
    <div class="container page">
      <h1 class="page-title">
        {t('cartTitle')}
        {lines.length > 0 && <span class="muted title-note">{t('units', { n: cartUnits(lines) })}</span>}
      </h1>
      {lines.length === 0 ? (
        <div class="empty-state">
          <p>{t('cartEmpty')}</p>
          <Link class="button primary" href={HOME_URL}>
            {t('continueShopping')}
          </Link>
        </div>
      ) : (
        <div class="cart-layout">
          <ul class="cart-lines">
            {lines.map((line) => (
              <Line key={line.product.id} line={line} />
            ))}
          </ul>
          <aside class="cart-summary">
            <dl>
              <div>
                <dt>{t('subtotal')}</dt>
                <dd>{formatPrice(total, currency, lang)}</dd>
              </div>
              <div>
                <dt>{t('shipping')}</dt>
                <dd>{t('free')}</dd>
              </div>
              <div class="cart-total">
                <dt>{t('total')}</dt>
                <dd class="price">{formatPrice(total, currency, lang)}</dd>
              </div>
            </dl>
            <button
              type="button"
              class="button primary large block"
              data-testid="checkout"
              disabled={placing}
              onClick={() => void placeOrder()}
            >
              {placing ? t('placingOrder') : t('checkout')}
            </button>
          </aside>
        </div>
      )}
      {suggestions}
    </div>
  );
}
