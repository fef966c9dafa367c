/**
 * Silhouettes for generated product pictures (the demo catalogue has no photos), drawn in a 100×100 box.
 * A part is painted `f` in the item's colour, `a` as a lighter accent, or `s` as a line; `R x y w h r` is a
 * rounded rectangle, anything else a path.
 */

/** One painted part of a silhouette. */
export type Part = readonly [paint: 'f' | 'a' | 's', shape: string];

const tee: Part[] = [['f', 'M38 26L44 26Q50 33 56 26L62 26L77 37L70 48L64 43L64 77L36 77L36 43L30 48L23 37Z']];
const phone: Part[] = [
  ['f', 'R35 20 30 60 7'],
  ['a', 'R39 26 22 46 3'],
];

/** Silhouettes by name. */
export const SHAPES: Record<string, readonly Part[]> = {
  dress: [['f', 'M42 22L58 22L57 35L62 42L75 78L25 78L38 42L43 35Z']],
  tee,
  shirt: [...tee, ['s', 'M50 31L50 75'], ['s', 'M44 26L50 34L56 26']],
  hoodie: [...tee, ['a', 'M42 26Q50 40 58 26Q56 18 50 18Q44 18 42 26Z']],
  skirt: [
    ['f', 'M36 34L64 34L76 74L24 74Z'],
    ['a', 'R35 28 30 7 2'],
  ],
  coat: [
    ['f', 'M40 22L60 22L72 28L79 66L70 68L66 44L66 79L34 79L34 44L30 68L21 66L28 28Z'],
    ['s', 'M50 24L50 78'],
  ],
  jeans: [
    ['f', 'M33 22L67 22L71 79L56 79L50 40L44 79L29 79Z'],
    ['s', 'M33 29L67 29'],
  ],
  bag: [
    ['s', 'M38 44Q38 26 50 26Q62 26 62 44'],
    ['f', 'M27 42L73 42L69 77L31 77Z'],
    ['a', 'R45 50 10 5 2'],
  ],
  lipstick: [
    ['a', 'M45 48L45 32Q45 27 55 24L55 48Z'],
    ['f', 'R42 47 16 8 2'],
    ['f', 'R41 54 18 24 3'],
  ],
  jar: [
    ['a', 'R30 36 40 11 4'],
    ['f', 'R27 46 46 28 8'],
  ],
  mask: [
    ['f', 'R30 22 40 56 6'],
    ['a', 'M50 34Q62 34 62 50Q62 68 50 70Q38 68 38 50Q38 34 50 34Z'],
    ['s', 'M30 30L70 30'],
  ],
  perfume: [
    ['a', 'R43 22 14 9 2'],
    ['f', 'R46 30 8 8 1'],
    ['f', 'R31 37 38 40 10'],
    ['a', 'R38 46 10 20 4'],
  ],
  leaf: [
    ['f', 'M50 20C75 32 75 64 50 80C25 64 25 32 50 20Z'],
    ['s', 'M50 28L50 74'],
  ],
  cup: [
    ['s', 'M68 48Q80 48 78 58Q76 66 66 64'],
    ['f', 'M28 40L72 40L67 73Q66 78 60 78L40 78Q34 78 33 73Z'],
    ['s', 'M42 22Q38 28 42 33M54 22Q50 28 54 33'],
  ],
  snack: [
    ['f', 'M31 24L69 24L66 32L71 70L67 78L33 78L29 70L34 32Z'],
    ['a', 'M50 40Q60 40 60 52Q60 64 50 64Q40 64 40 52Q40 40 50 40Z'],
  ],
  nut: [
    ['a', 'M28 45Q50 20 72 45Z'],
    ['f', 'M32 44Q33 72 50 79Q67 72 68 44Z'],
  ],
  pot: [
    ['a', 'M25 44Q50 28 75 44Z'],
    ['a', 'R46 30 8 5 2'],
    ['f', 'R27 44 46 30 7'],
    ['s', 'M27 50L18 50M73 50L82 50'],
  ],
  pillow: [
    ['f', 'M24 34Q50 27 76 34Q81 53 76 72Q50 79 24 72Q19 53 24 34Z'],
    ['s', 'M34 42Q50 39 66 42'],
  ],
  box: [
    ['a', 'R25 29 50 11 2'],
    ['f', 'M28 39L72 39L70 77L30 77Z'],
    ['s', 'M44 50L56 50'],
  ],
  lamp: [
    ['f', 'M37 22L63 22L72 50L28 50Z'],
    ['a', 'R48 50 4 20 1'],
    ['a', 'R37 69 26 7 3'],
  ],
  phone,
  case: [...phone, ['s', 'M42 31Q44 29 46 31Q48 33 46 35Q44 37 42 35Q40 33 42 31Z']],
  headphones: [
    ['s', 'M30 54Q30 24 50 24Q70 24 70 54'],
    ['f', 'R23 49 13 25 6'],
    ['f', 'R64 49 13 25 6'],
  ],
  charger: [
    ['a', 'R40 22 6 14 2'],
    ['a', 'R54 22 6 14 2'],
    ['f', 'R32 34 36 38 8'],
    ['s', 'M50 72L50 82'],
  ],
  watch: [
    ['a', 'R42 18 16 64 5'],
    ['f', 'R33 33 34 34 10'],
    ['a', 'R38 38 24 24 7'],
  ],
  shoe: [
    ['f', 'M22 60Q24 42 35 42L46 49Q57 54 68 54Q79 56 79 66L79 68L22 68Z'],
    ['a', 'R21 67 59 8 3'],
    ['s', 'M40 47L36 53M46 51L42 56'],
  ],
  mat: [
    ['f', 'R20 44 48 24 3'],
    ['f', 'M68 44Q80 44 80 56Q80 68 68 68Z'],
    ['a', 'M68 50Q74 50 74 56Q74 62 68 62Q62 62 62 56Q62 50 68 50Z'],
  ],
  tent: [
    ['f', 'M50 22L80 76L20 76Z'],
    ['a', 'M50 46L59 76L41 76Z'],
  ],
  diaper: [
    ['f', 'M26 32L74 32Q72 62 50 74Q28 62 26 32Z'],
    ['a', 'R30 34 10 8 2'],
    ['a', 'R60 34 10 8 2'],
  ],
  bottle: [
    ['a', 'M44 24Q50 14 56 24L57 30L43 30Z'],
    ['a', 'R39 29 22 7 2'],
    ['f', 'R37 35 26 43 8'],
    ['s', 'M44 48L52 48M44 56L52 56M44 64L52 64'],
  ],
  blocks: [
    ['f', 'R24 52 24 24 3'],
    ['a', 'R52 52 24 24 3'],
    ['f', 'R38 27 24 24 3'],
  ],
};

/** Leaf or top-level category names (Chinese or English) → silhouette. */
export const CATEGORY_SHAPES: Record<string, string> = {
  连衣裙: 'dress',
  dresses: 'dress',
  上衣: 'tee',
  tops: 'tee',
  半身裙: 'skirt',
  skirts: 'skirt',
  羽绒服: 'coat',
  'down jackets': 'coat',
  配饰: 'bag',
  accessories: 'bag',
  衬衫: 'shirt',
  shirts: 'shirt',
  牛仔裤: 'jeans',
  jeans: 'jeans',
  夹克: 'coat',
  jackets: 'coat',
  卫衣: 'hoodie',
  hoodies: 'hoodie',
  口红: 'lipstick',
  lipstick: 'lipstick',
  面霜: 'jar',
  'face cream': 'jar',
  面膜: 'mask',
  'face masks': 'mask',
  香水: 'perfume',
  perfume: 'perfume',
  茶叶: 'leaf',
  tea: 'leaf',
  咖啡: 'cup',
  coffee: 'cup',
  零食: 'snack',
  snacks: 'snack',
  坚果: 'nut',
  nuts: 'nut',
  厨房: 'pot',
  kitchen: 'pot',
  床品: 'pillow',
  bedding: 'pillow',
  收纳: 'box',
  storage: 'box',
  灯具: 'lamp',
  lighting: 'lamp',
  手机: 'phone',
  phones: 'phone',
  手机壳: 'case',
  'phone cases': 'case',
  耳机: 'headphones',
  headphones: 'headphones',
  充电器: 'charger',
  chargers: 'charger',
  智能手表: 'watch',
  smartwatches: 'watch',
  跑鞋: 'shoe',
  'running shoes': 'shoe',
  瑜伽: 'mat',
  yoga: 'mat',
  运动服: 'tee',
  sportswear: 'tee',
  户外: 'tent',
  outdoor: 'tent',
  纸尿裤: 'diaper',
  diapers: 'diaper',
  奶瓶: 'bottle',
  'baby bottles': 'bottle',
  童装: 'tee',
  "kids' clothing": 'tee',
  玩具: 'blocks',
  toys: 'blocks',
  女装: 'dress',
  男装: 'shirt',
  美妆: 'perfume',
  食品: 'snack',
  家居: 'lamp',
  数码: 'phone',
  运动: 'shoe',
  母婴: 'bottle',
};

/** Hues of the demo's departments; any other department gets a hue from its name. */
export const DEPARTMENT_HUES: Record<string, number> = {
  女装: 345,
  男装: 212,
  美妆: 318,
  食品: 28,
  家居: 168,
  数码: 235,
  运动: 96,
  母婴: 44,
};
