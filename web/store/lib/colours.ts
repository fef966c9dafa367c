/** Colour names (Chinese and English, as catalogues write them) → a CSS colour for swatches and product art. */

const PALETTE: readonly (readonly [zh: string, en: string, css: string])[] = [
  ['红色', 'red', '#d8383a'],
  ['黑色', 'black', '#2b2b2e'],
  ['白色', 'white', '#f4f2ee'],
  ['蓝色', 'blue', '#3b6fd8'],
  ['藏青色', 'navy', '#27355e'],
  ['灰色', 'grey', '#8b8f96'],
  ['粉色', 'pink', '#ee8fae'],
  ['绿色', 'green', '#3f9a64'],
  ['黄色', 'yellow', '#f1c232'],
  ['米色', 'beige', '#e3d3b4'],
  ['紫色', 'purple', '#8a5cc9'],
  ['卡其色', 'khaki', '#b9a373'],
  ['银色', 'silver', '#c3c7cd'],
  ['金色', 'gold', '#cfa844'],
  ['橙色', 'orange', '#f08a32'],
  ['棕色', 'brown', '#8a5a3b'],
];

const byName = new Map<string, { en: string; css: string }>();
for (const [zh, en, css] of PALETTE) {
  byName.set(zh, { en, css });
  byName.set(en, { en, css });
}
byName.set('gray', { en: 'grey', css: '#8b8f96' });

/** The CSS colour for a colour name, or undefined when the name is not a known colour. */
export function cssColour(name: unknown): string | undefined {
  return typeof name === 'string' ? byName.get(name.trim().toLowerCase())?.css : undefined;
}

/** The English name of a colour written in Chinese (facet values come in the catalogue's language). */
export function englishColour(name: string): string | undefined {
  return byName.get(name.trim().toLowerCase())?.en;
}
