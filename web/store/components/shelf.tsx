/** A horizontal row of recommended products; cards appear only once the list has arrived. */
import type { DaogouClient, Recommendations } from '@daogou/sdk';
import type { ComponentChildren } from 'preact';
import { useRef } from 'preact/hooks';
import { useI18n } from '../lib/i18n.js';
import { rememberProducts } from '../lib/product-cache.js';
import { toProduct } from '../lib/product.js';
import { reasonText } from '../lib/reasons.js';
import { trackClick } from '../lib/tracking.js';
import { useAsync } from '../lib/use-async.js';
import { Link } from './link.js';
import { ProductCard } from './product-card.js';

/** Props of Shelf. */
export interface ShelfProps {
  testId: string;
  title: ComponentChildren;
  subtitle?: ComponentChildren;
  /** A subtitle from the list itself, once it arrives (replaces `subtitle`). */
  describe?: (list: Recommendations) => ComponentChildren;
  /** A "see all" link. */
  more?: { href: string; label: string };
  /** Surface name sent with clicks (`for-you`, `similar`, …). */
  surface: string;
  load: (client: DaogouClient, signal: AbortSignal) => Promise<Recommendations>;
  /** What the list depends on; it loads again when these change. */
  deps: readonly unknown[];
  /** Show each card's reason (for personal lists, where the reason differs per card). */
  showReasons?: boolean;
  /** Hide the whole shelf when the list is empty (instead of saying so). */
  hideWhenEmpty?: boolean;
  /** Receives the list once it arrives (e.g. to order other shelves by it). */
  onLoaded?: (list: Recommendations) => void;
}

const SKELETON_CARDS = 6;

/** A shelf of product cards. */
export function Shelf(props: ShelfProps) {
  const { lang, t } = useI18n();
  const row = useRef<HTMLDivElement>(null);
  const state = useAsync(async (client, signal) => {
    const list = await props.load(client, signal);
    const products = list.items.map((r) => toProduct(r.item));
    rememberProducts(products);
    props.onLoaded?.(list);
    return { list, products, client };
  }, props.deps);

  const data = state.data;
  // Kept in the page (hidden) so the place is stable; a shop shows no empty shelf.
  if (data && data.products.length === 0 && props.hideWhenEmpty)
    return <section class="shelf" data-testid={props.testId} data-empty="true" hidden />;
  const subtitle = data && props.describe ? props.describe(data.list) : props.subtitle;
  const scroll = (direction: number) => {
    const el = row.current;
    if (el) el.scrollBy({ left: direction * el.clientWidth * 0.85, behavior: 'smooth' });
  };

  return (
    <section class="shelf" data-testid={props.testId} aria-busy={state.loading}>
      <div class="shelf-head">
        <div>
          <h2 class="shelf-title">{props.title}</h2>
          {subtitle && <p class="shelf-subtitle">{subtitle}</p>}
        </div>
        <div class="shelf-actions">
          {props.more && (
            <Link class="shelf-more" href={props.more.href}>
              {props.more.label} →
            </Link>
          )}
          <button type="button" class="shelf-arrow" aria-label="←" onClick={() => scroll(-1)}>
            ‹
          </button>
          <button type="button" class="shelf-arrow" aria-label="→" onClick={() => scroll(1)}>
            ›
          </button>
        </div>
      </div>
      {state.error !== undefined && !data ? (
        <p class="muted">
          {t('loadFailed')}{' '}
          <button type="button" class="link-button" onClick={state.retry}>
            {t('retry')}
          </button>
        </p>
      ) : !data ? (
        <div class="shelf-row" aria-hidden="true">
          {Array.from({ length: SKELETON_CARDS }, (_, i) => (
            <div key={i} class="card skeleton" />
          ))}
        </div>
      ) : data.products.length === 0 ? (
        <p class="muted">{t('noResults')}</p>
      ) : (
        <div class="shelf-row" ref={row}>
          {data.products.map((product, position) => (
            <ProductCard
              key={product.id}
              product={product}
              reason={props.showReasons ? reasonText(data.list.items[position]?.reasons[0], lang) : undefined}
              onSelect={() =>
                trackClick(data.client, product, {
                  recommendationId: data.list.recommendationId,
                  surface: props.surface,
                  position,
                })
              }
            />
          ))}
        </div>
      )}
    </section>
  );
}
