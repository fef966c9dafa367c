/** The assistant's product port filled with Daogou's search (constraints as filters) and recommendations. */
import type { ProductQuery, ProductSource } from '../assistant/index.js';
import type { RecommendationService } from '../recommend/index.js';
import type { SearchRequest, SearchService } from '../search/index.js';

/** Builds the port over the engine's services. */
export function assistantProducts(search: SearchService, recommendations: RecommendationService): ProductSource {
  return {
    async find(query: ProductQuery): Promise<string[]> {
      const req: SearchRequest = { q: '', pageSize: query.k, inStock: true, sort: query.sort ?? 'popularity' };
      if (query.category) req.category = [query.category];
      if (query.brand) req.brand = [query.brand];
      if (query.priceMin !== undefined) req.priceMin = query.priceMin;
      if (query.priceMax !== undefined) req.priceMax = query.priceMax;
      if (query.attributes) {
        req.attributes = Object.fromEntries(Object.entries(query.attributes).map(([k, v]) => [k, [v]]));
      }
      if (query.customerId) req.customerId = query.customerId;
      return (await search.search(req)).items.map((h) => h.id);
    },
    async recommend(customerId: string | undefined, k: number): Promise<string[]> {
      const result = customerId
        ? await recommendations.forCustomer(customerId, { k, inStock: true })
        : await recommendations.trending({ k, inStock: true });
      return result.items.map((i) => i.id);
    },
    async warm(): Promise<void> {
      // Both: a turn without constraints asks for recommendations, whose first use loads the model.
      await Promise.all([search.ready(), recommendations.warm()]);
    },
  };
}
