/** The shared colour palette: Chinese name, English name. */
import type { Term } from './catalogue-types.js';

/** Every colour an item may have. */
export const PALETTE: readonly Term[] = [
  ['红色', 'red'],
  ['黑色', 'black'],
  ['白色', 'white'],
  ['蓝色', 'blue'],
  ['藏青色', 'navy'],
  ['灰色', 'grey'],
  ['粉色', 'pink'],
  ['绿色', 'green'],
  ['黄色', 'yellow'],
  ['米色', 'beige'],
  ['紫色', 'purple'],
  ['卡其色', 'khaki'],
  ['银色', 'silver'],
  ['金色', 'gold'],
  ['橙色', 'orange'],
  ['棕色', 'brown'],
];

const byZh = new Map(PALETTE.map((t) => [t[0], t]));

/** The palette entry for a Chinese colour name (throws on a typo in the vocabulary). */
export function colourTerm(zh: string): Term {
  const term = byZh.get(zh);
  if (!term) throw new Error(`unknown colour ${zh}`);
  return term;
}

/** Colours for clothes. */
export const APPAREL_COLOURS = ['红色', '黑色', '白色', '蓝色', '藏青色', '灰色', '粉色', '绿色', '米色', '卡其色', '紫色', '黄色'];
/** Colours for gadgets. */
export const GADGET_COLOURS = ['黑色', '白色', '银色', '蓝色', '金色', '紫色', '绿色'];
/** Colours for furniture and homeware. */
export const HOME_COLOURS = ['白色', '灰色', '米色', '蓝色', '绿色', '黑色', '棕色', '粉色'];
