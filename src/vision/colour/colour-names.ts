/** Named colours in Chinese and English, for tagging products (the names shoppers filter by). */
import { labDistance2, rgbToLab, type Lab } from './lab.js';

/** One named colour. */
export interface NamedColour {
  /** Stable key, also the English name. */
  key: string;
  en: string;
  zh: string;
  rgb: [number, number, number];
}

// A shop palette rather than a paint chart: the colour words customers use, each anchored at a typical
// garment shade. Several anchors may share a name (navy and blue are both looked up as "blue" by many
// shoppers, but merchants list navy apart, so it keeps its own).
const PALETTE: NamedColour[] = [
  { key: 'black', en: 'black', zh: '黑色', rgb: [20, 20, 22] },
  { key: 'white', en: 'white', zh: '白色', rgb: [245, 245, 242] },
  { key: 'grey', en: 'grey', zh: '灰色', rgb: [128, 128, 128] },
  { key: 'light-grey', en: 'light grey', zh: '浅灰色', rgb: [196, 196, 196] },
  { key: 'dark-grey', en: 'dark grey', zh: '深灰色', rgb: [70, 70, 72] },
  { key: 'red', en: 'red', zh: '红色', rgb: [200, 30, 40] },
  { key: 'burgundy', en: 'burgundy', zh: '酒红色', rgb: [110, 20, 40] },
  { key: 'pink', en: 'pink', zh: '粉色', rgb: [240, 150, 180] },
  { key: 'orange', en: 'orange', zh: '橙色', rgb: [240, 130, 30] },
  { key: 'yellow', en: 'yellow', zh: '黄色', rgb: [245, 210, 40] },
  { key: 'beige', en: 'beige', zh: '米色', rgb: [225, 205, 170] },
  { key: 'khaki', en: 'khaki', zh: '卡其色', rgb: [175, 155, 105] },
  { key: 'brown', en: 'brown', zh: '棕色', rgb: [120, 75, 40] },
  { key: 'green', en: 'green', zh: '绿色', rgb: [40, 150, 60] },
  { key: 'olive', en: 'olive', zh: '橄榄绿', rgb: [100, 105, 45] },
  { key: 'dark-green', en: 'dark green', zh: '墨绿色', rgb: [25, 70, 40] },
  { key: 'teal', en: 'teal', zh: '青色', rgb: [20, 130, 130] },
  { key: 'light-blue', en: 'light blue', zh: '浅蓝色', rgb: [140, 190, 230] },
  { key: 'blue', en: 'blue', zh: '蓝色', rgb: [40, 90, 200] },
  { key: 'navy', en: 'navy', zh: '藏青色', rgb: [25, 35, 80] },
  { key: 'purple', en: 'purple', zh: '紫色', rgb: [120, 50, 150] },
  { key: 'lavender', en: 'lavender', zh: '淡紫色', rgb: [190, 170, 220] },
];

const PALETTE_LAB: Lab[] = PALETTE.map((c) => rgbToLab(...c.rgb));

/** The named colours Daogou tags with. */
export const COLOUR_NAMES: readonly NamedColour[] = PALETTE;

/** The nearest named colour to a Lab colour. */
export function nameColour(lab: Lab): NamedColour {
  let best = 0;
  let bestD = Infinity;
  for (let i = 0; i < PALETTE_LAB.length; i++) {
    const d = labDistance2(lab, PALETTE_LAB[i]!);
    if (d < bestD) {
      bestD = d;
      best = i;
    }
  }
  return PALETTE[best]!;
}
