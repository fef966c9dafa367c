/** Vocabulary of 运动 (Sports) and 母婴 (Baby). */
import type { DepartmentSpec } from './catalogue-types.js';
import { APPAREL_COLOURS } from './colours.js';

/** 运动 / Sports. */
export const SPORTS: DepartmentSpec = {
  name: ['运动', 'Sports'],
  appeal: [0.55, 0.9],
  aspects: [
    ['舒适', 'comfort'],
    ['尺码', 'size'],
    ['耐用', 'durability'],
  ],
  brands: [
    { name: 'NorthPeak', tier: 'premium' },
    { name: '疾风', tier: 'mid' },
    { name: 'Stride', tier: 'mid' },
    { name: '动力派', tier: 'budget' },
    { name: 'Zenflow', tier: 'premium' },
    { name: 'FitGo', tier: 'budget' },
  ],
  categories: [
    {
      name: ['跑鞋', 'Running Shoes'],
      nouns: [
        ['跑鞋', 'running shoes'],
        ['缓震跑鞋', 'cushioned running shoes'],
      ],
      styles: [
        ['轻量', 'lightweight'],
        ['透气', 'breathable'],
        ['竞速', 'racing'],
        ['防滑', 'non-slip'],
      ],
      colors: ['黑色', '白色', '蓝色', '红色', '灰色', '橙色'],
      materials: [
        ['网面', 'mesh'],
        ['飞织', 'knit'],
      ],
      sizes: ['36', '37', '38', '39', '40', '41', '42', '43', '44'],
      price: 499,
      spread: 0.4,
      weight: 1.3,
      related: ['运动/运动服', '数码/智能手表', '运动/户外'],
      complements: ['运动/运动服'],
      pitch: ['回弹有力，越跑越轻松。', 'A springy ride that makes every kilometre easier.'],
    },
    {
      name: ['瑜伽', 'Yoga'],
      nouns: [
        ['瑜伽垫', 'yoga mat'],
        ['瑜伽裤', 'yoga leggings'],
        ['瑜伽砖', 'yoga block'],
      ],
      styles: [
        ['防滑', 'non-slip'],
        ['加厚', 'thick'],
        ['高弹', 'stretchy'],
      ],
      colors: ['紫色', '粉色', '绿色', '黑色', '蓝色'],
      materials: [
        ['TPE', 'TPE'],
        ['天然橡胶', 'natural rubber'],
        ['锦纶', 'nylon'],
      ],
      price: 129,
      spread: 0.4,
      weight: 1,
      related: ['运动/运动服', '美妆/面霜'],
      complements: ['运动/运动服'],
      pitch: ['稳稳抓地，体式更到位。', 'Stays put so every pose feels steady.'],
    },
    {
      name: ['运动服', 'Sportswear'],
      nouns: [
        ['运动T恤', 'sports T-shirt'],
        ['运动短裤', 'running shorts'],
        ['运动袜', 'sports socks'],
      ],
      styles: [
        ['速干', 'quick-dry'],
        ['透气', 'breathable'],
        ['夏季', 'summer'],
      ],
      colors: APPAREL_COLOURS,
      materials: [
        ['涤纶', 'polyester'],
        ['锦纶', 'nylon'],
      ],
      sizes: ['S', 'M', 'L', 'XL'],
      price: 99,
      spread: 0.4,
      weight: 1.1,
      season: 'summer',
      related: ['运动/跑鞋', '运动/瑜伽', '男装/卫衣'],
      pitch: ['排汗速干，运动不闷。', 'Wicks sweat so you stay cool.'],
    },
    {
      name: ['户外', 'Outdoor'],
      nouns: [
        ['帐篷', 'tent'],
        ['登山包', 'hiking backpack'],
        ['冲锋衣', 'hardshell jacket'],
      ],
      styles: [
        ['防水', 'waterproof'],
        ['轻量', 'ultralight'],
        ['大容量', 'large-capacity'],
      ],
      colors: ['绿色', '橙色', '蓝色', '灰色', '黑色'],
      materials: [
        ['尼龙', 'nylon'],
        ['GORE-TEX', 'GORE-TEX'],
      ],
      price: 599,
      spread: 0.55,
      weight: 0.8,
      related: ['运动/跑鞋', '男装/夹克'],
      pitch: ['风雨无阻，说走就走。', 'Ready for any weather, any weekend.'],
    },
  ],
};

/** 母婴 / Baby. */
export const BABY: DepartmentSpec = {
  name: ['母婴', 'Baby'],
  appeal: [0.6, 0.15],
  aspects: [
    ['安全', 'safety'],
    ['材质', 'material'],
    ['宝宝喜欢', 'baby loves it'],
  ],
  brands: [
    { name: '贝乐', tier: 'mid' },
    { name: 'Tiny Nest', tier: 'premium' },
    { name: '小鹿', tier: 'budget' },
    { name: 'Bambini', tier: 'mid' },
    { name: '暖阳', tier: 'budget' },
  ],
  categories: [
    {
      name: ['纸尿裤', 'Diapers'],
      nouns: [
        ['纸尿裤', 'diapers'],
        ['拉拉裤', 'pull-up pants'],
        ['湿巾', 'baby wipes'],
      ],
      styles: [
        ['超薄', 'ultra-thin'],
        ['透气', 'breathable'],
        ['夜用', 'overnight'],
      ],
      sizes: ['NB', 'S', 'M', 'L', 'XL'],
      extras: [
        {
          key: 'pack',
          values: [
            ['60片', '60-count'],
            ['120片', '120-count'],
          ],
          inTitle: true,
        },
      ],
      price: 129,
      spread: 0.35,
      weight: 1.3,
      consumable: true,
      related: ['母婴/奶瓶', '母婴/童装'],
      complements: ['母婴/奶瓶'],
      pitch: ['一夜干爽，宝宝睡得香。', 'Dry all night so baby sleeps well.'],
    },
    {
      name: ['奶瓶', 'Baby Bottles'],
      nouns: [
        ['奶瓶', 'baby bottle'],
        ['学饮杯', 'sippy cup'],
      ],
      styles: [
        ['防胀气', 'anti-colic'],
        ['宽口径', 'wide-neck'],
        ['新生儿', 'newborn'],
      ],
      materials: [
        ['玻璃', 'glass'],
        ['PPSU', 'PPSU'],
        ['硅胶', 'silicone'],
      ],
      extras: [
        {
          key: 'capacity',
          values: [
            ['160ml', '160ml'],
            ['240ml', '240ml'],
          ],
          inTitle: true,
        },
      ],
      price: 99,
      spread: 0.4,
      weight: 1,
      related: ['母婴/纸尿裤', '母婴/玩具'],
      pitch: ['仿母乳设计，宝宝更易接受。', 'Shaped so babies take to it easily.'],
    },
    {
      name: ['童装', "Kids' Clothing"],
      nouns: [
        ['连体衣', 'romper'],
        ['童装套装', 'kids outfit'],
        ['儿童外套', 'kids jacket'],
      ],
      styles: [
        ['纯棉', 'pure-cotton'],
        ['卡通', 'cartoon'],
        ['可爱', 'cute'],
      ],
      colors: ['粉色', '蓝色', '黄色', '白色', '绿色'],
      materials: [['棉', 'cotton']],
      sizes: ['66', '73', '80', '90', '100', '110'],
      price: 89,
      spread: 0.4,
      weight: 1.1,
      related: ['母婴/玩具', '母婴/纸尿裤'],
      pitch: ['A类面料，宝宝穿着放心。', 'Class-A fabric that is safe for little ones.'],
    },
    {
      name: ['玩具', 'Toys'],
      nouns: [
        ['积木', 'building blocks'],
        ['毛绒玩具', 'plush toy'],
        ['早教玩具', 'learning toy'],
      ],
      styles: [
        ['益智', 'educational'],
        ['安全', 'child-safe'],
        ['大颗粒', 'large-piece'],
      ],
      colors: ['红色', '黄色', '蓝色', '粉色', '绿色'],
      materials: [
        ['木质', 'wooden'],
        ['ABS', 'ABS'],
        ['毛绒', 'plush'],
      ],
      price: 129,
      spread: 0.5,
      weight: 1,
      related: ['母婴/童装', '母婴/奶瓶'],
      pitch: ['边玩边学，开发动手能力。', 'Play that builds little hands and minds.'],
    },
  ],
};
