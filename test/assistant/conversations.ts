/**
 * Scripted assistant conversations on the demo store, Chinese and English, single- and multi-turn. Each
 * turn states what must hold: the constraints every product shown must satisfy (cumulative, as the shopper
 * stated them), whether products must be shown (when the catalogue has a match) or none at all.
 */

/** What one turn must show. */
export interface TurnExpectation {
  /** The message. */
  say: string;
  /** Intents accepted for it. */
  intent: string[];
  /** Constraints every shown item must meet. */
  category?: string;
  colour?: string;
  brand?: string;
  priceMin?: number;
  priceMax?: number;
  /** 'some': at least one item when the catalogue has a match; 'none': no items; 'any': not checked. */
  items: 'some' | 'none' | 'any';
  /** Items must cost less than everything shown in the previous turn ("cheaper"). */
  cheaperThanBefore?: boolean;
  /** Items must not have the colour shown before ("换个颜色"). */
  notColour?: string;
}

/** One conversation. */
export interface Conversation {
  name: string;
  locale?: 'zh' | 'en';
  /** Send as this demo customer (with a secret key), for order questions. */
  asCustomer?: boolean;
  turns: TurnExpectation[];
}

const FIND = ['find'];
const REFINE = ['refine', 'find'];
const NONE = 'none' as const;
const SOME = 'some' as const;

/** The suite. */
export const CONVERSATIONS: Conversation[] = [
  {
    name: 'zh: red dress under 200, cheaper, another colour',
    turns: [
      {
        say: '两百块以内的红色连衣裙',
        intent: FIND,
        category: '女装/连衣裙',
        colour: '红色',
        priceMax: 200,
        items: SOME,
      },
      {
        say: '有没有便宜点的',
        intent: REFINE,
        category: '女装/连衣裙',
        colour: '红色',
        priceMax: 200,
        items: 'any',
        cheaperThanBefore: true,
      },
      { say: '换个颜色', intent: REFINE, category: '女装/连衣裙', priceMax: 200, notColour: '红色', items: 'any' },
    ],
  },
  {
    name: 'zh: dresses, then blue, then price range',
    turns: [
      { say: '我想买一条连衣裙', intent: FIND, category: '女装/连衣裙', items: SOME },
      { say: '有蓝色的吗', intent: REFINE, category: '女装/连衣裙', colour: '蓝色', items: SOME },
      {
        say: '100到400的',
        intent: REFINE,
        category: '女装/连衣裙',
        colour: '蓝色',
        priceMin: 100,
        priceMax: 400,
        items: SOME,
      },
      { say: '第一个是什么材质', intent: ['item_question'], items: 'any' },
    ],
  },
  {
    name: 'en: dresses between 20 and 400 then in black',
    turns: [
      {
        say: 'show me dresses between 20 and 400',
        intent: FIND,
        category: '女装/连衣裙',
        priceMin: 20,
        priceMax: 400,
        items: SOME,
      },
      {
        say: 'do you have it in black',
        intent: REFINE,
        category: '女装/连衣裙',
        colour: '黑色',
        priceMin: 20,
        priceMax: 400,
        items: SOME,
      },
      {
        say: 'cheaper',
        intent: REFINE,
        category: '女装/连衣裙',
        colour: '黑色',
        priceMin: 20,
        items: 'any',
        cheaperThanBefore: true,
      },
    ],
  },
  {
    name: 'en: running shoes under $500, compare',
    turns: [
      { say: 'running shoes under $500', intent: FIND, category: '运动/跑鞋', priceMax: 500, items: SOME },
      { say: 'compare the first and the second', intent: ['compare'], items: 'any' },
      { say: 'thanks', intent: ['thanks'], items: NONE },
    ],
  },
  {
    name: 'zh: headphones 100-300 then most popular',
    turns: [
      { say: '100到300的耳机', intent: FIND, category: '数码/耳机', priceMin: 100, priceMax: 300, items: SOME },
      { say: '热销的', intent: REFINE, category: '数码/耳机', priceMin: 100, priceMax: 300, items: SOME },
    ],
  },
  {
    name: 'zh: jacket around two hundred',
    turns: [
      { say: '两百块左右的夹克', intent: FIND, category: '男装/夹克', priceMin: 160, priceMax: 240, items: SOME },
    ],
  },
  {
    name: 'zh: cheapest lipstick',
    turns: [{ say: '最便宜的口红', intent: FIND, category: '美妆/口红', items: SOME }],
  },
  {
    name: 'en: best selling headphones for my husband',
    turns: [{ say: 'best selling headphones for my husband', intent: FIND, category: '数码/耳机', items: SOME }],
  },
  {
    name: 'zh: brand + material dress',
    turns: [{ say: 'Lumière的连衣裙', intent: FIND, category: '女装/连衣裙', brand: 'Lumière', items: SOME }],
  },
  {
    name: 'en: black hoodie, then another colour',
    turns: [
      { say: 'find me a black hoodie', intent: FIND, category: '男装/卫衣', colour: '黑色', items: SOME },
      { say: 'show me other colours', intent: REFINE, category: '男装/卫衣', notColour: '黑色', items: SOME },
    ],
  },
  {
    name: 'zh: face cream under 300',
    turns: [{ say: '有什么300元以内的面霜推荐吗', intent: FIND, category: '美妆/面霜', priceMax: 300, items: SOME }],
  },
  {
    name: 'en: tea, then under 100',
    turns: [
      { say: 'what tea do you have', intent: FIND, category: '食品/茶叶', items: SOME },
      { say: 'under 100 please', intent: REFINE, category: '食品/茶叶', priceMax: 100, items: SOME },
    ],
  },
  {
    name: 'zh: toys for my son',
    turns: [{ say: '给我儿子买个玩具', intent: FIND, category: '母婴/玩具', items: SOME }],
  },
  {
    name: 'en: jeans 100 to 300, then more',
    turns: [
      {
        say: 'show me jeans between 100 and 300',
        intent: FIND,
        category: '男装/牛仔裤',
        priceMin: 100,
        priceMax: 300,
        items: SOME,
      },
      { say: 'show me more', intent: REFINE, category: '男装/牛仔裤', priceMin: 100, priceMax: 300, items: 'any' },
    ],
  },
  {
    name: 'zh: phone cases in black',
    turns: [{ say: '黑色的手机壳', intent: FIND, category: '数码/手机壳', colour: '黑色', items: SOME }],
  },
  {
    name: 'en: smartwatch over 500',
    turns: [{ say: 'smart watch over 500 yuan', intent: FIND, category: '数码/智能手表', priceMin: 500, items: SOME }],
  },
  {
    name: 'zh: new search replaces old constraints',
    turns: [
      { say: '红色的上衣', intent: FIND, category: '女装/上衣', colour: '红色', items: SOME },
      { say: '看看羽绒服', intent: FIND, category: '女装/羽绒服', items: SOME },
    ],
  },
  {
    name: 'en: bedding, then size question',
    turns: [
      { say: 'do you sell bedding', intent: FIND, category: '家居/床品', items: SOME },
      { say: 'what size should i get', intent: ['size_advice'], items: NONE },
    ],
  },
  {
    name: 'zh: greeting, then coffee',
    turns: [
      { say: '你好', intent: ['greeting'], items: NONE },
      { say: '来点咖啡', intent: FIND, category: '食品/咖啡', items: SOME },
      { say: '谢谢', intent: ['thanks'], items: NONE },
    ],
  },
  {
    name: 'en: greeting and out of scope',
    turns: [
      { say: 'hello', intent: ['greeting'], items: NONE },
      { say: 'what is the weather today', intent: ['out_of_scope'], items: NONE },
      { say: 'tell me a joke', intent: ['out_of_scope'], items: NONE },
    ],
  },
  {
    name: 'zh: out of scope',
    turns: [
      { say: '今天天气怎么样', intent: ['out_of_scope'], items: NONE },
      { say: '帮我写一篇作文', intent: ['out_of_scope'], items: NONE },
      { say: '股票会涨吗', intent: ['out_of_scope'], items: NONE },
    ],
  },
  {
    name: 'zh: service questions',
    turns: [
      { say: '可以退货吗', intent: ['returns'], items: NONE },
      { say: '运费多少', intent: ['shipping'], items: NONE },
      { say: '支持微信支付吗', intent: ['payment'], items: NONE },
    ],
  },
  {
    name: 'en: service questions',
    turns: [
      { say: 'what is your return policy', intent: ['returns'], items: NONE },
      { say: 'do you offer free shipping', intent: ['shipping'], items: NONE },
      { say: 'can i pay with paypal', intent: ['payment'], items: NONE },
    ],
  },
  {
    name: 'zh: complaint goes to a person',
    turns: [
      { say: '收到的货是坏的，我要投诉', intent: ['complaint'], items: NONE },
      { say: '转人工', intent: ['complaint'], items: NONE },
    ],
  },
  {
    name: 'en: complaint goes to a person',
    turns: [{ say: 'let me talk to a human', intent: ['complaint'], items: NONE }],
  },
  {
    name: 'zh: order status, signed in',
    asCustomer: true,
    turns: [{ say: '我的订单到哪了', intent: ['order_status'], items: NONE }],
  },
  {
    name: 'en: order status, anonymous',
    turns: [{ say: 'where is my order', intent: ['order_status'], items: NONE }],
  },
  {
    name: 'en: lamps under 300, then in white',
    turns: [
      { say: 'lamps under 300', intent: FIND, category: '家居/灯具', priceMax: 300, items: SOME },
      { say: 'in white', intent: REFINE, category: '家居/灯具', colour: '白色', priceMax: 300, items: 'any' },
    ],
  },
  {
    name: 'zh: snacks 50以内',
    turns: [{ say: '50元以内的零食', intent: FIND, category: '食品/零食', priceMax: 50, items: SOME }],
  },
  {
    name: 'en: yoga, then most expensive',
    turns: [
      { say: 'yoga gear please', intent: FIND, category: '运动/瑜伽', items: SOME },
      { say: 'most expensive ones', intent: REFINE, category: '运动/瑜伽', items: SOME },
    ],
  },
  {
    name: 'zh: skirts in pink under 500, ask about the second',
    turns: [
      { say: '500以内的粉色半身裙', intent: FIND, category: '女装/半身裙', colour: '粉色', priceMax: 500, items: SOME },
      { say: '第二个多少钱', intent: ['item_question'], items: 'any' },
    ],
  },
  {
    name: 'en: chargers, cheaper, cheaper',
    turns: [
      { say: 'i need a charger', intent: FIND, category: '数码/充电器', items: SOME },
      {
        say: 'something cheaper please',
        intent: REFINE,
        category: '数码/充电器',
        items: 'any',
        cheaperThanBefore: true,
      },
      { say: 'cheaper', intent: REFINE, category: '数码/充电器', items: 'any', cheaperThanBefore: true },
    ],
  },
];
