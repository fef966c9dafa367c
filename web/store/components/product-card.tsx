/** A product card: picture, badges, brand, title, price and (for recommendations) why it is shown. */
import { Component } from 'preact';
import { formatPrice } from '../lib/format.js';
import { useI18n } from '../lib/i18n.js';
import { productBadges, productTitle, shipsFree, type Product } from '../lib/product.js';
import { productUrl } from '../lib/router.js';
import { Link } from './link.js';
import { ProductArt } from './product-art.js';

/** Props of ProductCard. */
export interface ProductCardProps {
  product: Product;
  /** Called on a click that opens the product (tracking). */
  onSelect?: () => void;
  /** Why it is recommended, already translated. */
  reason?: string | undefined;
  /** The search hit's title with <mark> around matched words (server-escaped HTML), shown in the catalogue's language. */
  highlightedTitle?: string | undefined;
}

function CardView({ product, onSelect, reason, highlightedTitle }: ProductCardProps) {
  const { lang, t } = useI18n();
  const title = productTitle(product, lang);
  const useHighlight = highlightedTitle !== undefined && title === product.title && highlightedTitle.includes('<mark>');
  const badges = productBadges(product);
  const badgeLabel = { new: t('badgeNew'), hot: t('badgeHot'), sale: t('badgeSale') };
  return (
    <article class="card" data-testid="product-card" data-item-id={product.id}>
      <Link class="card-link" href={productUrl(product.id)} onNavigate={onSelect}>
        <div class={product.inStock ? 'card-media' : 'card-media soldout'}>
          <ProductArt product={product} />
          {badges.length > 0 && (
            <div class="badges">
              {badges.slice(0, 2).map((b) => (
                <span key={b} class={`badge badge-${b}`}>
                  {badgeLabel[b]}
                </span>
              ))}
            </div>
          )}
          {!product.inStock && <span class="soldout-label">{t('outOfStock')}</span>}
        </div>
        <div class="card-body">
          {product.brand && <div class="card-brand">{product.brand}</div>}
          {useHighlight ? (
            // The server escapes the title and adds only <mark> tags, so it is safe to render as HTML.
            <h3 class="card-title" title={title} dangerouslySetInnerHTML={{ __html: highlightedTitle }} />
          ) : (
            <h3 class="card-title" title={title}>
              {title}
            </h3>
          )}
          <div class="card-price-row">
            <span class="price">{formatPrice(product.price, product.currency, lang)}</span>
            {shipsFree(product) && <span class="tag">{t('freeShipping')}</span>}
          </div>
          {reason && <p class="card-reason">{reason}</p>}
        </div>
      </Link>
    </article>
  );
}

/**
 * A card linking to the product page. Pages re-render as lists arrive; a card re-renders only when what it
 * shows changes (its language is followed by the view itself), which keeps a home page of a hundred cards cheap.
 */
export class ProductCard extends Component<ProductCardProps> {
  override shouldComponentUpdate(next: ProductCardProps): boolean {
    const now = this.props;
    return next.product !== now.product || next.reason !== now.reason || next.highlightedTitle !== now.highlightedTitle;
  }

  // Preact updates this.props even when the render is skipped, so the click always calls the latest handler.
  private readonly select = () => this.props.onSelect?.();

  override render() {
    return <CardView {...this.props} onSelect={this.select} />;
  }
}
