/** Vocabulary of 美妆 (Beauty) and 食品 (Food). */
import type { DepartmentSpec } from './catalogue-types.js';

/** 美妆 / Beauty. */
export const BEAUTY: DepartmentSpec = {
  name: ['美妆', 'Beauty'],
  appeal: [1, 0.12],
  aspects: [
    ['肤感', 'texture'],
    ['香味', 'scent'],
    ['包装', 'packaging'],
  ],
  brands: [
    { name: '花漾', tier: 'mid' },
    { name: 'Belle Rose', tier: 'premium' },
    { name: '玉颜', tier: 'premium' },
    { name: 'Glowup', tier: 'budget' },
    { name: '素肌', tier: 'budget' },
    { name: 'Étoile', tier: 'premium' },
  ],
  categories: [
    {
      name: ['口红', 'Lipstick'],
      nouns: [
        ['口红', 'lipstick'],
        ['唇釉', 'lip glaze'],
      ],
      styles: [
        ['哑光', 'matte'],
        ['滋润', 'moisturising'],
        ['显白', 'brightening'],
        ['持久', 'long-lasting'],
      ],
      colors: ['红色', '粉色', '橙色', '棕色', '紫色'],
      price: 199,
      spread: 0.4,
      weight: 1.3,
      related: ['美妆/香水', '美妆/面霜'],
      complements: ['美妆/香水'],
      pitch: ['一抹显气色，不拔干。', 'One swipe of colour that never dries out.'],
    },
    {
      name: ['面霜', 'Face Cream'],
      nouns: [
        ['面霜', 'face cream'],
        ['精华', 'serum'],
        ['乳液', 'lotion'],
      ],
      styles: [
        ['保湿', 'hydrating'],
        ['修护', 'repairing'],
        ['抗皱', 'anti-wrinkle'],
        ['美白', 'brightening'],
      ],
      extras: [
        {
          key: 'capacity',
          values: [
            ['30ml', '30ml'],
            ['50ml', '50ml'],
            ['100ml', '100ml'],
          ],
          inTitle: true,
        },
      ],
      price: 269,
      spread: 0.55,
      weight: 1.3,
      consumable: true,
      related: ['美妆/面膜', '美妆/口红'],
      complements: ['美妆/面膜'],
      pitch: ['温和配方，敏感肌可用。', 'A gentle formula, fine for sensitive skin.'],
    },
    {
      name: ['面膜', 'Face Masks'],
      nouns: [
        ['面膜', 'sheet mask'],
        ['睡眠面膜', 'sleeping mask'],
      ],
      styles: [
        ['补水', 'moisture-boost'],
        ['清洁', 'deep-cleansing'],
        ['舒缓', 'soothing'],
      ],
      extras: [
        {
          key: 'pack',
          values: [
            ['5片装', '5-pack'],
            ['10片装', '10-pack'],
          ],
          inTitle: true,
        },
      ],
      price: 89,
      spread: 0.4,
      weight: 1.1,
      consumable: true,
      related: ['美妆/面霜'],
      pitch: ['十五分钟喝饱水。', 'Fifteen minutes to thirsty-skin relief.'],
    },
    {
      name: ['香水', 'Perfume'],
      nouns: [
        ['香水', 'perfume'],
        ['淡香水', 'eau de toilette'],
      ],
      styles: [
        ['花香调', 'floral'],
        ['木质调', 'woody'],
        ['清新', 'fresh'],
        ['果香', 'fruity'],
      ],
      extras: [
        {
          key: 'capacity',
          values: [
            ['30ml', '30ml'],
            ['50ml', '50ml'],
            ['100ml', '100ml'],
          ],
          inTitle: true,
        },
      ],
      price: 459,
      spread: 0.45,
      weight: 0.8,
      related: ['美妆/口红', '女装/配饰'],
      pitch: ['前调清新，留香持久。', 'A fresh opening and a lasting trail.'],
    },
  ],
};

/** 食品 / Food. */
export const FOOD: DepartmentSpec = {
  name: ['食品', 'Food'],
  appeal: [0.7, 0.6],
  aspects: [
    ['口感', 'taste'],
    ['新鲜', 'freshness'],
    ['包装', 'packaging'],
  ],
  brands: [
    { name: '茗香阁', tier: 'premium' },
    { name: '三只小熊', tier: 'budget' },
    { name: 'Bean & Leaf', tier: 'mid' },
    { name: '山野集', tier: 'mid' },
    { name: 'Nutri Daily', tier: 'budget' },
    { name: '御品', tier: 'premium' },
  ],
  categories: [
    {
      name: ['茶叶', 'Tea'],
      nouns: [
        ['龙井', 'Longjing green tea'],
        ['普洱', 'Pu-erh tea'],
        ['红茶', 'black tea'],
        ['乌龙茶', 'oolong tea'],
      ],
      styles: [
        ['明前', 'early-spring'],
        ['礼盒装', 'gift-boxed'],
        ['特级', 'premium-grade'],
        ['浓香', 'rich'],
      ],
      extras: [
        {
          key: 'weight',
          values: [
            ['100g', '100g'],
            ['250g', '250g'],
            ['500g', '500g'],
          ],
          inTitle: true,
        },
        {
          key: 'origin',
          values: [
            ['杭州', 'Hangzhou'],
            ['云南', 'Yunnan'],
            ['福建', 'Fujian'],
          ],
        },
      ],
      price: 168,
      spread: 0.6,
      weight: 1.1,
      consumable: true,
      related: ['食品/零食', '家居/厨房'],
      complements: ['食品/零食'],
      pitch: ['回甘悠长，送礼自饮两相宜。', 'A long sweet finish, for gifting or for yourself.'],
    },
    {
      name: ['咖啡', 'Coffee'],
      nouns: [
        ['咖啡豆', 'coffee beans'],
        ['挂耳咖啡', 'drip coffee bags'],
        ['冻干咖啡', 'freeze-dried coffee'],
      ],
      styles: [
        ['深烘', 'dark roast'],
        ['中烘', 'medium roast'],
        ['黑咖啡', 'black'],
        ['无糖', 'sugar-free'],
      ],
      extras: [
        {
          key: 'weight',
          values: [
            ['200g', '200g'],
            ['500g', '500g'],
            ['1kg', '1kg'],
          ],
          inTitle: true,
        },
      ],
      price: 99,
      spread: 0.45,
      weight: 1.1,
      consumable: true,
      related: ['食品/零食', '家居/厨房'],
      complements: ['食品/零食'],
      pitch: ['现烘现发，香气饱满。', 'Roasted to order and full of aroma.'],
    },
    {
      name: ['零食', 'Snacks'],
      nouns: [
        ['饼干', 'biscuits'],
        ['牛肉干', 'beef jerky'],
        ['果干', 'dried fruit'],
      ],
      styles: [
        ['办公室', 'office'],
        ['低糖', 'low-sugar'],
        ['香辣', 'spicy'],
        ['独立包装', 'individually wrapped'],
      ],
      extras: [
        {
          key: 'weight',
          values: [
            ['200g', '200g'],
            ['500g', '500g'],
          ],
          inTitle: true,
        },
      ],
      price: 39,
      spread: 0.4,
      weight: 1.3,
      consumable: true,
      related: ['食品/坚果', '食品/咖啡', '食品/茶叶'],
      complements: ['食品/坚果'],
      pitch: ['追剧加班，一口停不下来。', 'Once you start, you cannot stop.'],
    },
    {
      name: ['坚果', 'Nuts'],
      nouns: [
        ['每日坚果', 'daily nut mix'],
        ['夏威夷果', 'macadamia nuts'],
        ['碧根果', 'pecans'],
      ],
      styles: [
        ['原味', 'plain'],
        ['混合', 'mixed'],
        ['礼盒', 'gift box'],
      ],
      extras: [
        {
          key: 'weight',
          values: [
            ['250g', '250g'],
            ['750g', '750g'],
          ],
          inTitle: true,
        },
      ],
      price: 69,
      spread: 0.4,
      weight: 1,
      consumable: true,
      related: ['食品/零食', '食品/茶叶'],
      pitch: ['颗颗饱满，营养均衡。', 'Plump, crunchy and balanced.'],
    },
  ],
};
