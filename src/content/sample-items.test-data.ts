/** Two catalogue items with review facts for the content unit tests: a dress (generation) and running shoes (grounding). */
import type { ContentItem, ReviewFacts } from './content-types.js';

/** A bilingual dress with sizes and tags. */
export const dress: ContentItem = {
  id: 'SKU-7',
  title: 'Verano 法式 碎花 雪纺 连衣裙',
  category: '女装/连衣裙',
  brand: 'Verano',
  price: 299,
  currency: 'CNY',
  attributes: { color: '白色', color_en: 'white', material: '雪纺', material_en: 'chiffon', size: ['S', 'M', 'L'] },
  tags: ['热销', 'bestseller'],
  translations: { en: { title: 'Verano White Chiffon French-Style Dress', category: 'Women/Dresses' } },
};

/** The dress's reviews: looks and size praised, shipping criticised. */
export const dressReviews: ReviewFacts = {
  reviews: 120,
  positiveShare: 0.86,
  aspects: [
    { aspect: 'looks', positive: 48, negative: 4 },
    { aspect: 'size', positive: 30, negative: 6 },
    { aspect: 'shipping', positive: 3, negative: 12 },
  ],
};

/** Bilingual running shoes in stock. */
export const shoes: ContentItem = {
  id: 'SKU-1',
  title: 'Zenflow 防滑 红色 网面 跑鞋',
  category: '运动/跑鞋',
  brand: 'Zenflow',
  price: 979,
  currency: 'CNY',
  stock: 12,
  attributes: { color: '红色', color_en: 'red', material: '网面', material_en: 'mesh', size: ['38', '39', '40'] },
  tags: ['新品', 'new'],
  translations: { en: { title: 'Zenflow Red Mesh Non-Slip Running Shoes', category: 'Sports/Running Shoes' } },
};

/** The shoes' reviews: quality praised, shipping criticised. */
export const shoesReviews: ReviewFacts = {
  reviews: 40,
  positiveShare: 0.9,
  aspects: [
    { aspect: 'quality', positive: 25, negative: 3 },
    { aspect: 'shipping', positive: 2, negative: 9 },
  ],
};
