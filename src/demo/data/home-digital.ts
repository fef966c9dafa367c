/** Vocabulary of 家居 (Home) and 数码 (Electronics). */
import type { DepartmentSpec } from './catalogue-types.js';
import { GADGET_COLOURS, HOME_COLOURS } from './colours.js';

/** 家居 / Home. */
export const HOME: DepartmentSpec = {
  name: ['家居', 'Home'],
  appeal: [0.7, 0.45],
  aspects: [
    ['做工', 'build'],
    ['颜值', 'looks'],
    ['实用', 'usefulness'],
  ],
  brands: [
    { name: '木言', tier: 'mid' },
    { name: 'Nordhem', tier: 'premium' },
    { name: '好物家', tier: 'budget' },
    { name: 'Casa Verde', tier: 'mid' },
    { name: '匠心坊', tier: 'premium' },
    { name: 'HomeJoy', tier: 'budget' },
  ],
  categories: [
    {
      name: ['厨房', 'Kitchen'],
      nouns: [
        ['炒锅', 'wok'],
        ['保温杯', 'insulated bottle'],
        ['刀具套装', 'knife set'],
        ['餐具套装', 'dinnerware set'],
      ],
      styles: [
        ['不粘', 'non-stick'],
        ['家用', 'household'],
        ['日式', 'Japanese-style'],
        ['大容量', 'large'],
      ],
      colors: HOME_COLOURS,
      materials: [
        ['不锈钢', 'stainless steel'],
        ['陶瓷', 'ceramic'],
        ['铸铁', 'cast iron'],
      ],
      extras: [
        {
          key: 'capacity',
          values: [
            ['500ml', '500ml'],
            ['1L', '1L'],
            ['3L', '3L'],
          ],
        },
      ],
      price: 159,
      spread: 0.5,
      weight: 1.4,
      related: ['家居/收纳', '食品/茶叶', '食品/咖啡'],
      complements: ['家居/收纳'],
      pitch: ['受热均匀，好用又好洗。', 'Heats evenly and cleans up in seconds.'],
    },
    {
      name: ['床品', 'Bedding'],
      nouns: [
        ['四件套', 'duvet cover set'],
        ['枕头', 'pillow'],
        ['蚕丝被', 'silk quilt'],
      ],
      styles: [
        ['纯色', 'plain'],
        ['北欧', 'Nordic'],
        ['亲肤', 'soft-touch'],
        ['四季', 'all-season'],
      ],
      colors: HOME_COLOURS,
      materials: [
        ['全棉', 'pure cotton'],
        ['天丝', 'Tencel'],
        ['真丝', 'silk'],
      ],
      sizes: ['1.5m', '1.8m', '2.0m'],
      price: 299,
      spread: 0.45,
      weight: 1.1,
      related: ['家居/收纳', '家居/灯具'],
      complements: ['家居/灯具'],
      pitch: ['一觉到天亮的柔软触感。', 'So soft you sleep right through the night.'],
    },
    {
      name: ['收纳', 'Storage'],
      nouns: [
        ['收纳箱', 'storage box'],
        ['置物架', 'shelf'],
        ['衣架', 'hangers'],
      ],
      styles: [
        ['可折叠', 'foldable'],
        ['多层', 'multi-tier'],
        ['简约', 'simple'],
      ],
      colors: HOME_COLOURS,
      materials: [
        ['塑料', 'plastic'],
        ['实木', 'solid wood'],
        ['碳钢', 'carbon steel'],
      ],
      price: 69,
      spread: 0.5,
      weight: 1,
      related: ['家居/厨房', '家居/床品'],
      pitch: ['小空间也能井井有条。', 'Keeps even a small flat tidy.'],
    },
    {
      name: ['灯具', 'Lighting'],
      nouns: [
        ['台灯', 'desk lamp'],
        ['落地灯', 'floor lamp'],
        ['吸顶灯', 'ceiling light'],
      ],
      styles: [
        ['护眼', 'eye-care'],
        ['智能', 'smart'],
        ['北欧', 'Nordic'],
        ['可调光', 'dimmable'],
      ],
      colors: ['白色', '黑色', '金色', '米色'],
      materials: [
        ['金属', 'metal'],
        ['亚克力', 'acrylic'],
      ],
      price: 239,
      spread: 0.5,
      weight: 0.8,
      related: ['家居/床品', '数码/充电器'],
      pitch: ['光线柔和不刺眼。', 'Soft light that is easy on the eyes.'],
    },
  ],
};

/** 数码 / Electronics. */
export const DIGITAL: DepartmentSpec = {
  name: ['数码', 'Electronics'],
  appeal: [0.45, 1],
  aspects: [
    ['续航', 'battery'],
    ['音质', 'sound'],
    ['性能', 'performance'],
  ],
  brands: [
    { name: '星耀', tier: 'premium' },
    { name: 'Voltix', tier: 'mid' },
    { name: 'Aurora Tech', tier: 'premium' },
    { name: '小芒', tier: 'budget' },
    { name: 'Sonique', tier: 'mid' },
    { name: '极客', tier: 'budget' },
  ],
  categories: [
    {
      name: ['手机', 'Phones'],
      nouns: [['智能手机', 'smartphone']],
      styles: [
        ['5G', '5G'],
        ['轻薄', 'slim'],
        ['长续航', 'long-battery'],
        ['拍照', 'camera'],
      ],
      colors: GADGET_COLOURS,
      extras: [
        {
          key: 'storage',
          values: [
            ['128GB', '128GB'],
            ['256GB', '256GB'],
            ['512GB', '512GB'],
          ],
          inTitle: true,
        },
      ],
      models: ['X', 'Pro ', 'A', 'Note '],
      price: 2999,
      spread: 0.45,
      weight: 1,
      related: ['数码/手机壳', '数码/充电器', '数码/耳机'],
      complements: ['数码/手机壳', '数码/充电器'],
      pitch: ['流畅旗舰体验，一天一充。', 'Flagship speed on one charge a day.'],
    },
    {
      name: ['手机壳', 'Phone Cases'],
      nouns: [
        ['手机壳', 'phone case'],
        ['保护套', 'protective cover'],
      ],
      styles: [
        ['防摔', 'shockproof'],
        ['透明', 'clear'],
        ['磁吸', 'magnetic'],
        ['超薄', 'ultra-thin'],
      ],
      colors: GADGET_COLOURS,
      materials: [
        ['硅胶', 'silicone'],
        ['TPU', 'TPU'],
        ['真皮', 'leather'],
      ],
      price: 49,
      spread: 0.4,
      weight: 1.1,
      related: ['数码/手机', '数码/充电器'],
      pitch: ['贴合机身，四角防摔。', 'A snug fit with shock-absorbing corners.'],
    },
    {
      name: ['耳机', 'Headphones'],
      nouns: [
        ['蓝牙耳机', 'Bluetooth earbuds'],
        ['头戴式耳机', 'over-ear headphones'],
      ],
      styles: [
        ['降噪', 'noise-cancelling'],
        ['无线', 'wireless'],
        ['运动', 'sports'],
        ['入耳式', 'in-ear'],
      ],
      colors: GADGET_COLOURS,
      models: ['X', 'Air ', 'Buds ', 'H'],
      price: 399,
      spread: 0.6,
      weight: 1.2,
      related: ['数码/手机', '数码/充电器', '数码/智能手表'],
      complements: ['数码/充电器'],
      pitch: ['沉浸音效，通勤安静下来。', 'Immersive sound that quiets the commute.'],
    },
    {
      name: ['充电器', 'Chargers'],
      nouns: [
        ['充电器', 'charger'],
        ['充电宝', 'power bank'],
        ['数据线', 'charging cable'],
      ],
      styles: [
        ['快充', 'fast-charging'],
        ['氮化镓', 'GaN'],
        ['便携', 'portable'],
      ],
      colors: ['黑色', '白色'],
      extras: [
        {
          key: 'power',
          values: [
            ['20W', '20W'],
            ['65W', '65W'],
            ['100W', '100W'],
          ],
          inTitle: true,
        },
      ],
      price: 89,
      spread: 0.45,
      weight: 1,
      related: ['数码/手机', '数码/手机壳', '数码/耳机'],
      pitch: ['半小时充到一半。', 'Half a charge in half an hour.'],
    },
    {
      name: ['智能手表', 'Smartwatches'],
      nouns: [
        ['智能手表', 'smartwatch'],
        ['运动手环', 'fitness band'],
      ],
      styles: [
        ['心率监测', 'heart-rate'],
        ['防水', 'waterproof'],
        ['GPS', 'GPS'],
      ],
      colors: GADGET_COLOURS,
      models: ['Watch ', 'Band ', 'W'],
      price: 899,
      spread: 0.55,
      weight: 0.7,
      related: ['数码/耳机', '运动/跑鞋', '数码/充电器'],
      complements: ['数码/充电器'],
      pitch: ['健康数据随时掌握。', 'Your health stats at a glance.'],
    },
  ],
};
