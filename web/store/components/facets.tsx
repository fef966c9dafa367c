/** Facet filters of a search: category, brand, price band and colour, each option with its count. */
import type { FacetCount, SearchFacets } from '@daogou/sdk';
import type { ComponentChildren } from 'preact';
import { useCategoryName } from '../lib/categories.js';
import { cssColour, englishColour } from '../lib/colours.js';
import { formatCount, formatPrice } from '../lib/format.js';
import { useI18n } from '../lib/i18n.js';
import { priceValue, toggle, type SearchState } from '../lib/search-params.js';

const MAX_OPTIONS = 12;

/** Props of Facets. */
export interface FacetsProps {
  facets: SearchFacets;
  state: SearchState;
  /** The category page's category: only its subcategories are offered. */
  baseCategory?: string | undefined;
  currency: string;
  onChange: (state: SearchState) => void;
  /** Open on small screens (always shown on wide ones). */
  open: boolean;
}

function Option(props: {
  facet: string;
  value: string;
  count: number;
  checked: boolean;
  onToggle: () => void;
  children: ComponentChildren;
  depth?: number;
}) {
  const { lang } = useI18n();
  return (
    <label
      class={props.depth ? 'facet-option child' : 'facet-option'}
      data-testid="facet-option"
      data-facet={props.facet}
      data-value={props.value}
    >
      <input type="checkbox" checked={props.checked} onChange={props.onToggle} />
      <span class="facet-label">{props.children}</span>
      <span class="facet-count">{formatCount(props.count, lang)}</span>
    </label>
  );
}

/** Category values as a tree: each department followed by its subcategories. */
function categoryTree(values: readonly FacetCount[], base: string | undefined): FacetCount[] {
  if (base) return values.filter((v) => v.value.startsWith(`${base}/`)).slice(0, MAX_OPTIONS);
  const tops = values.filter((v) => !v.value.includes('/'));
  return tops.flatMap((top) => [top, ...values.filter((v) => v.value.startsWith(`${top.value}/`))]);
}

/** The facet panel. */
export function Facets({ facets, state, baseCategory, currency, onChange, open }: FacetsProps) {
  const { lang, t } = useI18n();
  const name = useCategoryName(lang);
  const change = (patch: Partial<SearchState>) => onChange({ ...state, ...patch, page: 1 });
  const categories = categoryTree(facets.category ?? [], baseCategory);
  const brands = (facets.brand ?? []).slice(0, MAX_OPTIONS);
  const prices = (facets.price ?? []).filter((band) => band.count > 0);
  const colors = (facets.attributes?.color ?? []).slice(0, MAX_OPTIONS);
  const filtered = state.categories.length + state.brands.length + state.colors.length > 0 || state.price !== null;

  const group = (title: string, body: ComponentChildren) => (
    <fieldset class="facet-group">
      <legend>{title}</legend>
      {body}
    </fieldset>
  );

  return (
    <aside class={open ? 'facets open' : 'facets'} data-testid="facets" aria-label={t('filters')}>
      {filtered && (
        <button
          type="button"
          class="link-button clear-filters"
          onClick={() => change({ categories: [], brands: [], colors: [], price: null })}
        >
          {t('clearFilters')}
        </button>
      )}
      {categories.length > 0 &&
        group(
          t('category'),
          categories.map((c) => (
            <Option
              key={c.value}
              facet="category"
              value={c.value}
              count={c.count}
              depth={baseCategory ? 0 : c.value.split('/').length - 1}
              checked={state.categories.includes(c.value)}
              onToggle={() => change({ categories: toggle(state.categories, c.value) })}
            >
              {name(c.value)}
            </Option>
          )),
        )}
      {prices.length > 0 &&
        group(
          t('price'),
          prices.map((band) => {
            const value = priceValue(band.min, band.max);
            const label =
              band.min === null
                ? t('priceUnder', { max: formatPrice(band.max, currency, lang) })
                : band.max === null
                  ? t('priceOver', { min: formatPrice(band.min, currency, lang) })
                  : `${formatPrice(band.min, currency, lang)} – ${formatPrice(band.max, currency, lang)}`;
            return (
              <Option
                key={value}
                facet="price"
                value={value}
                count={band.count}
                checked={state.price === value}
                onToggle={() => change({ price: state.price === value ? null : value })}
              >
                {label}
              </Option>
            );
          }),
        )}
      {brands.length > 0 &&
        group(
          t('brandFacet'),
          brands.map((b) => (
            <Option
              key={b.value}
              facet="brand"
              value={b.value}
              count={b.count}
              checked={state.brands.includes(b.value)}
              onToggle={() => change({ brands: toggle(state.brands, b.value) })}
            >
              {b.value}
            </Option>
          )),
        )}
      {colors.length > 0 &&
        group(
          t('color'),
          colors.map((c) => (
            <Option
              key={c.value}
              facet="color"
              value={c.value}
              count={c.count}
              checked={state.colors.includes(c.value)}
              onToggle={() => change({ colors: toggle(state.colors, c.value) })}
            >
              <span class="swatch" style={{ background: cssColour(c.value) ?? '#ccc' }} />
              <span class="colour-name">{lang === 'en' ? (englishColour(c.value) ?? c.value) : c.value}</span>
            </Option>
          )),
        )}
    </aside>
  );
}
