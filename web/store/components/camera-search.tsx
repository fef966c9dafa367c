/** The search box's camera button: a photo (taken or chosen) finds the products that look like it. */
import { useState } from 'preact/hooks';
import { connection$ } from '../lib/client.js';
import { useI18n } from '../lib/i18n.js';
import { loadProduct } from '../lib/product-loader.js';
import { productTitle, type Product } from '../lib/product.js';
import { productUrl } from '../lib/router.js';
import { Link } from './link.js';

type State = { status: 'idle' } | { status: 'busy' } | { status: 'failed' } | { status: 'done'; products: Product[] };

/** Sends the photo to the photo search with the browser key and loads the matching products. */
async function findByPhoto(file: File): Promise<Product[]> {
  const connection = connection$.get();
  if (connection.status !== 'ready' || !connection.config.publicKey) throw new Error('the store is not connected');
  const response = await fetch('/v1/vision/search?k=8', {
    method: 'POST',
    headers: {
      authorization: `Bearer ${connection.config.publicKey}`,
      'content-type': file.type || 'application/octet-stream',
    },
    body: file,
  });
  if (!response.ok) throw new Error(`photo search: HTTP ${response.status}`);
  const { matches } = (await response.json()) as { matches: { itemId: string }[] };
  const signal = new AbortController().signal;
  const products = await Promise.all(matches.map((m) => loadProduct(connection.client, m.itemId, signal)));
  return products.filter((p): p is Product => p !== null);
}

/** The camera button and, after a photo, the products that look like it. */
export function CameraSearch() {
  const { lang, t } = useI18n();
  const [state, setState] = useState<State>({ status: 'idle' });
  const choose = (file: File | undefined) => {
    if (!file) return;
    setState({ status: 'busy' });
    findByPhoto(file).then(
      (products) => setState({ status: 'done', products }),
      () => setState({ status: 'failed' }),
    );
  };
  return (
    <>
      <label class="camera-button" title={t('photoSearch')} aria-label={t('photoSearch')}>
        <input
          type="file"
          accept="image/*"
          capture="environment"
          hidden
          data-testid="camera-input"
          onChange={(e) => choose(e.currentTarget.files?.[0])}
        />
        <svg viewBox="0 0 24 24" aria-hidden="true">
          <path
            d="M4 8h3l2-3h6l2 3h3v11H4z"
            fill="none"
            stroke="currentColor"
            stroke-width="2"
            stroke-linejoin="round"
          />
          <circle cx="12" cy="13" r="3.5" fill="none" stroke="currentColor" stroke-width="2" />
        </svg>
      </label>
      {state.status !== 'idle' && (
        <div class="photo-results" data-testid="photo-results" role="dialog" aria-label={t('photoResults')}>
          <button type="button" class="photo-close" onClick={() => setState({ status: 'idle' })} aria-label="×">
            ×
          </button>
          <strong>{t('photoResults')}</strong>
          {state.status === 'busy' && <p>…</p>}
          {state.status === 'failed' && <p data-testid="photo-failed">{t('photoFailed')}</p>}
          {state.status === 'done' && (
            <ol>
              {state.products.map((p) => (
                <li key={p.id} data-testid="photo-result" data-item-id={p.id}>
                  <Link href={productUrl(p.id)} onNavigate={() => setState({ status: 'idle' })}>
                    {productTitle(p, lang)}
                  </Link>
                </li>
              ))}
            </ol>
          )}
        </div>
      )}
    </>
  );
}
