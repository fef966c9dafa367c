/**
 * Ready journeys a merchant starts from (GET /v1/journeys/templates): each a definition that validates as
 * is, in Chinese and English, with product blocks. They are created as drafts; activating one is a choice.
 */

const footer = {
  zh: '<p style="font-size:12px;color:#888">不想再收到？<a href="{{ unsubscribe_url }}">退订</a></p>',
  en: '<p style="font-size:12px;color:#888">Not interested? <a href="{{ unsubscribe_url }}">Unsubscribe</a></p>',
};

function email(zh: { subject: string; html: string }, en: { subject: string; html: string }) {
  return {
    type: 'send',
    channel: 'email',
    content: {
      zh: { subject: zh.subject, html: zh.html + footer.zh },
      en: { subject: en.subject, html: en.html + footer.en },
    },
  };
}

/** The ready journeys by key. */
export const JOURNEY_TEMPLATES: Record<
  string,
  { title: string; description: string; definition: Record<string, unknown> }
> = {
  abandoned_cart: {
    title: 'Abandoned cart 购物车提醒',
    description: 'A customer added to the cart and did not buy: a reminder after an hour, one more a day later.',
    definition: {
      name: 'Abandoned cart',
      trigger: { event: 'add_to_cart' },
      exitOn: ['purchase'],
      caps: true,
      quietHours: true,
      holdoutPercent: 10,
      steps: [
        { type: 'wait', duration: 'PT1H', id: 'wait-1h' },
        email(
          {
            subject: '{{ customer.traits.name | default: "亲" }}，购物车里的商品还在等你',
            html: '<p>你的购物车：</p>{{ cart | product_block }}',
          },
          { subject: 'You left something in your cart', html: '<p>Your cart:</p>{{ cart | product_block }}' },
        ),
        { type: 'wait', duration: 'P1D' },
        {
          type: 'branch',
          if: 'not done("purchase")',
          then: [
            email(
              { subject: '再看看？为你挑了这些', html: '{{ recommendations | product_block }}' },
              { subject: 'Still thinking? Picked for you', html: '{{ recommendations | product_block }}' },
            ),
          ],
        },
      ],
    },
  },
  browse_abandonment: {
    title: 'Browse abandonment 浏览未购',
    description: 'Viewed an item and left: similar items the next morning at 10:00 in the customer’s zone.',
    definition: {
      name: 'Browse abandonment',
      trigger: { event: 'view' },
      exitOn: ['add_to_cart', 'purchase'],
      reentry: 'after_exit',
      caps: true,
      quietHours: true,
      steps: [
        { type: 'wait', until: '10:00' },
        email(
          {
            subject: '你看过的 {{ item[0].title }} 还有相似好物',
            html: '{{ item | product_block }}{{ similar | product_block }}',
          },
          { subject: 'More like {{ item[0].title }}', html: '{{ item | product_block }}{{ similar | product_block }}' },
        ),
      ],
    },
  },
  welcome_series: {
    title: 'Welcome series 新客欢迎',
    description: 'Three e-mails over a week after sign-up; stops once they buy.',
    definition: {
      name: 'Welcome series',
      trigger: { event: 'custom:signup' },
      exitOn: ['purchase'],
      reentry: 'never',
      steps: [
        email(
          { subject: '欢迎光临！', html: '<p>很高兴认识你。</p>{{ recommendations | product_block }}' },
          { subject: 'Welcome!', html: '<p>Glad to meet you.</p>{{ recommendations | product_block }}' },
        ),
        { type: 'wait', duration: 'P2D' },
        email(
          { subject: '大家都在买', html: '{{ recommendations | product_block }}' },
          { subject: 'What others love', html: '{{ recommendations | product_block }}' },
        ),
        { type: 'wait', duration: 'P5D' },
        email(
          { subject: '给你的新人礼', html: '<p>首单立减。</p>' },
          { subject: 'A gift for your first order', html: '<p>Save on your first order.</p>' },
        ),
      ],
    },
  },
  post_purchase: {
    title: 'Post-purchase cross-sell 购后推荐',
    description: 'Three days after an order: items that go with it.',
    definition: {
      name: 'Post-purchase cross-sell',
      trigger: { event: 'purchase' },
      caps: true,
      steps: [
        { type: 'wait', duration: 'P3D' },
        email(
          { subject: '和你买的很搭', html: '{{ similar | product_block }}' },
          { subject: 'Goes well with your order', html: '{{ similar | product_block }}' },
        ),
      ],
    },
  },
  win_back: {
    title: 'Win-back 流失召回',
    description: 'Customers entering an "at risk" segment: a note, and a second one a week later if still away.',
    definition: {
      name: 'Win-back',
      trigger: { segment: 'at-risk', on: 'enter' },
      exitOn: ['purchase'],
      holdoutPercent: 10,
      caps: true,
      steps: [
        email(
          { subject: '好久不见', html: '{{ recommendations | product_block }}' },
          { subject: 'We miss you', html: '{{ recommendations | product_block }}' },
        ),
        { type: 'wait', duration: 'P7D' },
        {
          type: 'branch',
          if: 'days_since_last_order > 60',
          then: [{ type: 'set_trait', trait: 'winback_attempted', value: true }],
        },
      ],
    },
  },
  back_in_stock: {
    title: 'Back in stock 到货提醒',
    description: 'An item that was sold out is back: everyone who viewed, carted or wished for it in 30 days hears.',
    definition: {
      name: 'Back in stock',
      trigger: { item: 'back_in_stock', interest: ['view', 'add_to_cart', 'wishlist'], within: 'P30D' },
      exitOn: ['purchase'],
      caps: true,
      quietHours: true,
      steps: [
        email(
          { subject: '你关注的商品到货了', html: '{{ item | product_block }}' },
          { subject: 'It is back in stock', html: '{{ item | product_block }}' },
        ),
      ],
    },
  },
  price_drop: {
    title: 'Price drop 降价提醒',
    description: 'An item a customer looked at, carted or wished for got at least 5% cheaper.',
    definition: {
      name: 'Price drop',
      trigger: { item: 'price_drop', minDropPercent: 5, within: 'P30D' },
      exitOn: ['purchase'],
      caps: true,
      quietHours: true,
      steps: [
        email(
          {
            subject: '降价了：从 {{ trigger.oldPrice }} 到 {{ trigger.newPrice }}',
            html: '{{ item | product_block }}{{ similar | product_block }}',
          },
          {
            subject: 'Price drop: now {{ trigger.newPrice }} (was {{ trigger.oldPrice }})',
            html: '{{ item | product_block }}{{ similar | product_block }}',
          },
        ),
      ],
    },
  },
  birthday: {
    title: 'Birthday 生日祝福',
    description: 'On the customer’s birthday (trait birthday) at 10:00 in their zone: wishes and picks for them.',
    definition: {
      name: 'Birthday',
      trigger: { date: 'birthday' },
      reentry: 'always',
      caps: true,
      steps: [
        { type: 'wait', until: '10:00' },
        email(
          { subject: '生日快乐！', html: '{{ recommendations | product_block }}' },
          { subject: 'Happy birthday!', html: '{{ recommendations | product_block }}' },
        ),
      ],
    },
  },
};
