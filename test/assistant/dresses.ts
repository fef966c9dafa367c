/** Two dresses (red silk under ¥200, blue cotton over it) with English translations: the small catalogue of the assistant's HTTP tests. */
import type { TestServer } from '../helpers/test-engine.js';
export const DRESSES = [
  {
    id: 'd1',
    title: '红色真丝连衣裙',
    category: '女装/连衣裙',
    brand: '云裳',
    price: 180,
    currency: 'CNY',
    stock: 5,
    attributes: { color: '红色', color_en: 'red', material: '真丝' },
    translations: { en: { title: 'Red silk dress', category: 'Women/Dresses' } },
  },
  {
    id: 'd2',
    title: '蓝色棉连衣裙',
    category: '女装/连衣裙',
    brand: '云裳',
    price: 260,
    currency: 'CNY',
    stock: 5,
    attributes: { color: '蓝色', color_en: 'blue', material: '棉' },
    translations: { en: { title: 'Blue cotton dress', category: 'Women/Dresses' } },
  },
];

/** Puts the dresses through the API with the admin key. */
export async function putDresses(server: TestServer): Promise<void> {
  for (const item of DRESSES) {
    const r = await server.app.inject({
      method: 'PUT',
      url: `/v1/items/${item.id}`,
      headers: { authorization: `Bearer ${server.keys.admin}` },
      payload: item,
    });
    if (r.statusCode >= 300) throw new Error(`PUT /v1/items/${item.id}: ${r.body}`);
  }
}
