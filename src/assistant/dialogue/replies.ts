/** Reply wording in Chinese and English: only catalogue facts that were looked up, never invented ones. */
import type { CatalogueGazetteer } from '../understand/catalogue-gazetteer.js';
import type { Constraints } from './dialogue-state.js';

/** The facts of an item a reply may state. */
export interface ItemFacts {
  id: string;
  title: string;
  titleEn?: string;
  brand: string | null;
  price: number | null;
  currency: string | null;
  stock: number | null;
  colour?: string;
  material?: string;
  sizes?: string[];
}

type Locale = 'zh' | 'en';

const price = (f: ItemFacts, locale: Locale): string =>
  f.price === null
    ? locale === 'zh'
      ? '价格未标'
      : 'no price listed'
    : `${f.currency === 'CNY' ? '¥' : ''}${f.price}`;
const name = (f: ItemFacts, locale: Locale): string => (locale === 'en' && f.titleEn ? f.titleEn : f.title);
const stock = (f: ItemFacts, locale: Locale): string => {
  if (f.stock === null) return locale === 'zh' ? '有货' : 'available';
  if (f.stock <= 0) return locale === 'zh' ? '暂时缺货' : 'out of stock';
  return locale === 'zh' ? `库存 ${f.stock} 件` : `${f.stock} in stock`;
};

/** A short description of the constraints in effect ("红色 · 女装/连衣裙 · ≤¥200"). */
export function describeConstraints(c: Constraints, locale: Locale, gazetteer: CatalogueGazetteer): string {
  const parts: string[] = [];
  if (c.category) parts.push(locale === 'en' ? (gazetteer.categoryEnglish.get(c.category) ?? c.category) : c.category);
  if (c.colour) parts.push(locale === 'en' ? (gazetteer.colourEnglish.get(c.colour) ?? c.colour) : c.colour);
  if (c.material) parts.push(c.material);
  if (c.brand) parts.push(c.brand);
  if (c.size) parts.push(locale === 'zh' ? `${c.size} 码` : `size ${c.size}`);
  if (c.priceMin !== undefined && c.priceMax !== undefined) parts.push(`¥${c.priceMin}–${c.priceMax}`);
  else if (c.priceMax !== undefined) parts.push(locale === 'zh' ? `¥${c.priceMax} 以内` : `up to ¥${c.priceMax}`);
  else if (c.priceMin !== undefined) parts.push(locale === 'zh' ? `¥${c.priceMin} 以上` : `from ¥${c.priceMin}`);
  return parts.join(' · ');
}

/** The reply to a product request. */
export function productsReply(
  items: ItemFacts[],
  c: Constraints,
  locale: Locale,
  gazetteer: CatalogueGazetteer,
): string {
  const what = describeConstraints(c, locale, gazetteer);
  if (items.length === 0) {
    return locale === 'zh'
      ? `抱歉，目前没有找到符合条件（${what || '你的描述'}）的商品。可以放宽价格或换个颜色试试。`
      : `Sorry, nothing in the catalogue matches ${what ? `(${what})` : 'that'} right now. Try a wider price range or another colour.`;
  }
  const lines = items.slice(0, 3).map((f, i) => `${i + 1}. ${name(f, locale)} — ${price(f, locale)}`);
  const head =
    locale === 'zh' ? `为你找到这些${what ? `（${what}）` : ''}：` : `Here is what I found${what ? ` (${what})` : ''}:`;
  return [head, ...lines].join('\n');
}

/** The reply comparing items. */
export function compareReply(items: ItemFacts[], locale: Locale): string {
  if (items.length < 2) {
    return locale === 'zh'
      ? '请先让我为你找几件商品，再告诉我要比较哪两件。'
      : 'Let me show you some products first, then tell me which two to compare.';
  }
  const line = (f: ItemFacts, i: number): string => {
    const bits = [price(f, locale), f.brand, f.material, f.colour, stock(f, locale)].filter(Boolean);
    return `${i + 1}. ${name(f, locale)}: ${bits.join(' · ')}`;
  };
  const cheaper = [...items].sort((a, b) => (a.price ?? Infinity) - (b.price ?? Infinity))[0]!;
  const tail =
    locale === 'zh' ? `更便宜的是「${name(cheaper, locale)}」。` : `The cheaper one is "${name(cheaper, locale)}".`;
  return [...items.map(line), tail].join('\n');
}

/** The reply about one item's facts. */
export function itemReply(f: ItemFacts | undefined, locale: Locale): string {
  if (!f)
    return locale === 'zh'
      ? '你想了解哪件商品？请先让我为你找一找。'
      : 'Which product do you mean? Let me find some for you first.';
  const facts =
    locale === 'zh'
      ? [
          `价格 ${price(f, locale)}`,
          f.brand && `品牌 ${f.brand}`,
          f.material && `材质 ${f.material}`,
          f.colour && `颜色 ${f.colour}`,
          f.sizes && `尺码 ${f.sizes.join('/')}`,
          stock(f, locale),
        ]
      : [
          `price ${price(f, locale)}`,
          f.brand && `brand ${f.brand}`,
          f.material && `material ${f.material}`,
          f.colour && `colour ${f.colour}`,
          f.sizes && `sizes ${f.sizes.join('/')}`,
          stock(f, locale),
        ];
  return `${name(f, locale)}: ${facts.filter(Boolean).join(locale === 'zh' ? '，' : ', ')}.`;
}

/** The reply to a size question. */
export function sizeReply(f: ItemFacts | undefined, locale: Locale): string {
  const sizes = f?.sizes?.join('/');
  if (locale === 'zh') {
    return sizes
      ? `「${name(f!, locale)}」有 ${sizes} 码。建议按平时穿的尺码选择；在两个尺码之间时选大一码。`
      : '建议按平时穿的尺码选择；在两个尺码之间时选大一码。告诉我是哪件商品，我可以查它有哪些尺码。';
  }
  return sizes
    ? `"${name(f!, locale)}" comes in ${sizes}. Pick the size you usually wear; between two sizes, take the larger.`
    : 'Pick the size you usually wear; between two sizes, take the larger. Tell me which product and I will check its sizes.';
}

/** Fixed replies. */
export const CANNED: Record<string, Record<Locale, string>> = {
  greeting: {
    zh: '你好！我是导购助手，可以帮你找商品、比较商品、查订单和解答售后问题。',
    en: 'Hello! I can find and compare products, check your orders and answer questions about the shop.',
  },
  thanks: { zh: '不客气，还有什么可以帮你的吗？', en: 'You are welcome. Anything else I can help with?' },
  out_of_scope: {
    zh: '抱歉，这个问题我回答不了。我可以帮你找商品、比较商品、查订单，或解答配送、退换货和付款问题。',
    en: "Sorry, I can't help with that. I can find and compare products, check orders, and answer shipping, returns and payment questions.",
  },
  complaint: {
    zh: '非常抱歉给你带来不好的体验。我已把你的问题转给人工客服，他们会尽快联系你。',
    en: 'I am sorry about that. I have passed your message to a person on our team, who will get back to you soon.',
  },
  order_sign_in: {
    zh: '查询订单需要先登录，这样我只会向你本人展示你的订单。',
    en: 'Please sign in to check your orders, so that I only show them to you.',
  },
  no_orders: { zh: '没有找到你的订单记录。', en: 'I could not find any orders for you.' },
  no_faq: {
    zh: '抱歉，我没有这方面的店铺说明，已转给人工客服为你解答。',
    en: "Sorry, I don't have the shop's information on that; I have passed your question to a person on our team.",
  },
};
