/** Product blocks for journey messages, from the catalogue, the event log and recommendations. */
import type { ItemRecord } from '../store/repositories/item-repository.js';
import type { ProductSource, ProductView } from '../journeys/index.js';
import type { RecommendationService } from '../recommend/index.js';
import type { Store } from '../store/store.js';

/** Builds the product source over the store and the recommendation service. */
export function journeyProducts(store: Store, recommendations: RecommendationService, storeUrl: string): ProductSource {
  const view = (item: Pick<ItemRecord, 'id' | 'title' | 'price' | 'currency' | 'images'>): ProductView => ({
    id: item.id,
    title: item.title,
    price: item.price,
    currency: item.currency,
    image: item.images[0] ?? null,
    url: `${storeUrl.replace(/\/+$/, '')}/store/#/item/${encodeURIComponent(item.id)}`,
  });
  const items = async (ids: readonly string[]) => {
    const found = await store.items.getMany([...ids]);
    return ids.flatMap((id) => {
      const item = found.get(id);
      return item ? [view(item)] : [];
    });
  };
  return {
    items,
    async recommendations(customerId, k) {
      try {
        return (await recommendations.forCustomer(customerId, { k })).items.map((r) => view(r.item));
      } catch {
        // Without a trained model a message still goes out, with an empty block.
        return [];
      }
    },
    async similar(itemId, k) {
      try {
        return (await recommendations.similar(itemId, { k })).items.map((r) => view(r.item));
      } catch {
        return [];
      }
    },
    async cart(customerId) {
      // The cart: items added since the last purchase and not removed, newest first.
      const recent = await store.events.timeline(customerId, {
        limit: 100,
        types: ['add_to_cart', 'remove_from_cart', 'purchase'],
      });
      const cart: string[] = [];
      const removed = new Set<string>();
      for (const e of recent) {
        if (e.type === 'purchase') break;
        if (!e.itemId) continue;
        if (e.type === 'remove_from_cart') removed.add(e.itemId);
        else if (!removed.has(e.itemId) && !cart.includes(e.itemId)) cart.push(e.itemId);
      }
      return items(cart.slice(0, 6));
    },
  };
}
