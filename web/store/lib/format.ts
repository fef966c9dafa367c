/** Prices and numbers in the visitor's language. */
import type { Lang } from './i18n.js';

const formatters = new Map<string, Intl.NumberFormat>();

function formatter(lang: Lang, currency: string, fraction: boolean): Intl.NumberFormat {
  const key = `${lang}|${currency}|${fraction}`;
  let format = formatters.get(key);
  if (!format) {
    try {
      format = new Intl.NumberFormat(lang === 'zh' ? 'zh-CN' : 'en-US', {
        style: 'currency',
        currency,
        // "¥179" rather than "CN¥179.00": shoppers read the narrow symbol, and whole prices need no cents.
        currencyDisplay: 'narrowSymbol',
        minimumFractionDigits: fraction ? 2 : 0,
        maximumFractionDigits: 2,
      });
    } catch {
      // An unknown currency code: show the number with the code beside it.
      format = new Intl.NumberFormat(lang === 'zh' ? 'zh-CN' : 'en-US', { maximumFractionDigits: 2 });
    }
    formatters.set(key, format);
  }
  return format;
}

/** A price with its currency, e.g. `¥179` or `¥59.90`; an empty string when the item has no price. */
export function formatPrice(price: number | null | undefined, currency: string | null | undefined, lang: Lang): string {
  if (price === null || price === undefined) return '';
  const code = currency ?? 'CNY';
  const text = formatter(lang, code, !Number.isInteger(price)).format(price);
  return /\d$/.test(text) && !/[^\d.,\s]/.test(text) ? `${text} ${code}` : text;
}

/** A whole number with grouping, e.g. `2,936`. */
export function formatCount(value: number, lang: Lang): string {
  return value.toLocaleString(lang === 'zh' ? 'zh-CN' : 'en-US');
}
