/** Finds one product by id with the browser key: from the cache of lists already shown, else from the API. */
import { DaogouError, type DaogouClient } from '@daogou/sdk';
import { cachedProduct, rememberProducts } from './product-cache.js';
import { toProduct, type Product } from './product.js';

/** The product with this id, or null when the store does not have it (or it is not active). */
export async function loadProduct(client: DaogouClient, id: string, signal: AbortSignal): Promise<Product | null> {
  const cached = cachedProduct(id);
  if (cached) return cached;
  try {
    const product = toProduct(await client.item(id, { signal }));
    rememberProducts([product]);
    return product;
  } catch (error) {
    if (error instanceof DaogouError && error.status === 404) return null;
    throw error;
  }
}
