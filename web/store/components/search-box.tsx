/** The header's search box with autocomplete: popular past queries and matching products as you type. */
import type { AutocompleteResult } from '@daogou/sdk';
import { useEffect, useRef, useState } from 'preact/hooks';
import { clientReady } from '../lib/client.js';
import { formatPrice } from '../lib/format.js';
import { useI18n } from '../lib/i18n.js';
import { rememberProducts } from '../lib/product-cache.js';
import { productTitle, toProduct, type Product } from '../lib/product.js';
import { matchRoute, navigate, productUrl, searchUrl, useUrl } from '../lib/router.js';
import { trackClick } from '../lib/tracking.js';
import { CameraSearch } from './camera-search.js';
import { ProductArt } from './product-art.js';

type Option = { kind: 'query'; query: string } | { kind: 'item'; product: Product };

const DEBOUNCE_MS = 120;

function optionsOf(result: AutocompleteResult): Option[] {
  const products = result.items.map((i) => toProduct(i.item));
  rememberProducts(products);
  return [
    ...result.queries.map((q): Option => ({ kind: 'query', query: q.query })),
    ...products.map((product): Option => ({ kind: 'item', product })),
  ];
}

/** The search form. */
export function SearchBox() {
  const { lang, t } = useI18n();
  const url = useUrl();
  const route = matchRoute(url);
  const routeQuery = route.name === 'search' ? (route.params.get('q') ?? '') : '';
  const [text, setText] = useState(routeQuery);
  const [options, setOptions] = useState<Option[]>([]);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const controller = useRef<AbortController | undefined>(undefined);

  // Follow the URL (back button, did-you-mean) so the box shows the query of the page.
  useEffect(() => setText(routeQuery), [routeQuery]);

  const close = () => {
    setOpen(false);
    setActive(-1);
  };

  const suggest = (prefix: string) => {
    clearTimeout(timer.current);
    controller.current?.abort();
    if (prefix.trim() === '') {
      setOptions([]);
      return;
    }
    timer.current = setTimeout(() => {
      const abort = new AbortController();
      controller.current = abort;
      clientReady
        .then((client) => client.autocomplete(prefix.trim(), { queries: 5, items: 5, signal: abort.signal }))
        .then((result) => {
          if (abort.signal.aborted) return;
          setOptions(optionsOf(result));
          setActive(-1);
          setOpen(true);
        })
        .catch(() => undefined);
    }, DEBOUNCE_MS);
  };

  const choose = (option: Option, position: number) => {
    close();
    if (option.kind === 'query') {
      setText(option.query);
      navigate(searchUrl(option.query));
      return;
    }
    void clientReady.then((client) =>
      trackClick(client, option.product, { surface: 'autocomplete', query: text.trim(), position }),
    );
    navigate(productUrl(option.product.id));
  };

  const submit = (event: Event) => {
    event.preventDefault();
    const chosen = active >= 0 ? options[active] : undefined;
    if (chosen) return choose(chosen, active);
    close();
    controller.current?.abort();
    clearTimeout(timer.current);
    if (text.trim() !== '') navigate(searchUrl(text.trim()));
  };

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Escape') return close();
    if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
    if (options.length === 0) return;
    event.preventDefault();
    setOpen(true);
    const step = event.key === 'ArrowDown' ? 1 : -1;
    // -1 is the input itself; moving past either end comes back to it.
    setActive((a) => {
      const next = a + step;
      return next >= options.length ? -1 : next < -1 ? options.length - 1 : next;
    });
  };

  const showList = open && options.length > 0;
  return (
    <form class="search" role="search" onSubmit={submit}>
      <input
        class="search-input"
        data-testid="search-input"
        type="search"
        name="q"
        value={text}
        placeholder={t('searchPlaceholder')}
        aria-label={t('search')}
        autocomplete="off"
        role="combobox"
        list={undefined}
        aria-expanded={showList}
        aria-controls="search-suggestions"
        aria-activedescendant={active >= 0 ? `suggestion-${active}` : undefined}
        enterKeyHint="search"
        onInput={(event) => {
          const value = event.currentTarget.value;
          setText(value);
          suggest(value);
        }}
        onFocus={() => options.length > 0 && setOpen(true)}
        onBlur={() => setTimeout(close, 150)}
        onKeyDown={onKeyDown}
      />
      <CameraSearch />
      <button class="search-button" type="submit" aria-label={t('search')}>
        <svg viewBox="0 0 24 24" aria-hidden="true">
          <circle cx="11" cy="11" r="6.5" fill="none" stroke="currentColor" stroke-width="2.2" />
          <path d="M16 16l4.5 4.5" stroke="currentColor" stroke-width="2.2" stroke-linecap="round" />
        </svg>
      </button>
      {showList && (
        <ul class="suggestions" id="search-suggestions" role="listbox" data-testid="autocomplete">
          {options.map((option, i) => (
            <li
              key={option.kind === 'query' ? `q:${option.query}` : `i:${option.product.id}`}
              id={`suggestion-${i}`}
              role="option"
              aria-selected={i === active}
              class={i === active ? 'suggestion active' : 'suggestion'}
              data-testid="autocomplete-option"
              data-kind={option.kind}
              // Keep focus in the input so the blur handler does not close the list before the click lands.
              onMouseDown={(event) => event.preventDefault()}
              onClick={() => choose(option, i)}
            >
              {option.kind === 'query' ? (
                <span class="suggestion-query">{option.query}</span>
              ) : (
                <>
                  <span class="suggestion-art">
                    <ProductArt product={option.product} />
                  </span>
                  <span class="suggestion-title">{productTitle(option.product, lang)}</span>
                  <span class="suggestion-price">
                    {formatPrice(option.product.price, option.product.currency, lang)}
                  </span>
                </>
              )}
            </li>
          ))}
        </ul>
      )}
    </form>
  );
}
