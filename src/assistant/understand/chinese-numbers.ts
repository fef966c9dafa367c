/** Chinese numerals in prices ("两百", "一百五", "三千二百") rewritten as digits so price rules see one form. */

const DIGITS: Record<string, number> = {
  零: 0,
  〇: 0,
  一: 1,
  二: 2,
  两: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};
const UNITS: Record<string, number> = { 十: 10, 百: 100, 千: 1000, 万: 10000 };
const RUN_RE = /[零〇一二两三四五六七八九十百千万]+/g;

/** The value of one run of Chinese numerals, or undefined when it is not a number ("一" alone in "一条" is kept). */
export function chineseNumberValue(run: string): number | undefined {
  let total = 0;
  let section = 0;
  let digit: number | undefined;
  let lastUnit = 1;
  for (const ch of run) {
    if (ch in DIGITS) {
      digit = DIGITS[ch];
      continue;
    }
    const unit = UNITS[ch];
    if (unit === undefined) return undefined;
    if (unit === 10000) {
      total += (section + (digit ?? 0)) * unit;
      section = 0;
    } else {
      // "十五" starts with the unit: one ten.
      section += (digit ?? 1) * unit;
    }
    digit = undefined;
    lastUnit = unit;
  }
  // "一百五" means 150: a trailing digit after a unit is one tenth of that unit.
  if (digit !== undefined) section += lastUnit >= 100 && run.length > 1 ? (digit * lastUnit) / 10 : digit;
  return total + section;
}

/** Replaces Chinese numerals that carry a unit (十/百/千/万) or stand before 块/元 with digits. */
export function digitizeChineseNumbers(text: string): string {
  return text.replace(RUN_RE, (run, offset: number) => {
    const next = text[offset + run.length] ?? '';
    const hasUnit = /[十百千万]/.test(run);
    if (!hasUnit && !/[块元]/.test(next)) return run;
    const value = chineseNumberValue(run);
    return value === undefined ? run : String(value);
  });
}
