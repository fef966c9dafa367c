/** Number, money, percent and time formatting: one locale so figures read the same on every screen. */

const LOCALE = 'en-US';
const integer = new Intl.NumberFormat(LOCALE, { maximumFractionDigits: 0 });
const compactFmt = new Intl.NumberFormat(LOCALE, { notation: 'compact', maximumFractionDigits: 1 });
const moneyFormats = new Map<string, Intl.NumberFormat>();

/** A whole number with thousands separators ("—" when unknown). */
export function formatInt(n: number | null | undefined): string {
  return n === null || n === undefined || !Number.isFinite(n) ? '—' : integer.format(n);
}

/** A number with up to `digits` decimals. */
export function formatNum(n: number | null | undefined, digits = 2): string {
  if (n === null || n === undefined || !Number.isFinite(n)) return '—';
  return n.toLocaleString(LOCALE, { maximumFractionDigits: digits });
}

/** A short form for chart axes (12.3K, 1.2M). */
export function formatCompact(n: number): string {
  return compactFmt.format(n);
}

/** An amount of money; narrow symbols (¥, $) keep KPI cards short. */
export function formatMoney(n: number | null | undefined, currency = 'CNY', digits = 2): string {
  if (n === null || n === undefined || !Number.isFinite(n)) return '—';
  const key = `${currency}:${digits}`;
  let f = moneyFormats.get(key);
  if (!f) {
    try {
      f = new Intl.NumberFormat(LOCALE, {
        style: 'currency',
        currency,
        currencyDisplay: 'narrowSymbol',
        minimumFractionDigits: digits,
        maximumFractionDigits: digits,
      });
    } catch {
      // An unknown currency code would throw; show the plain number with the code instead.
      f = new Intl.NumberFormat(LOCALE, { minimumFractionDigits: digits, maximumFractionDigits: digits });
    }
    moneyFormats.set(key, f);
  }
  const text = f.format(n);
  return f.resolvedOptions().style === 'currency' ? text : `${text} ${currency}`;
}

/** A share 0..1 as a percent. */
export function formatPercent(n: number | null | undefined, digits = 1): string {
  if (n === null || n === undefined || !Number.isFinite(n)) return '—';
  return `${(n * 100).toFixed(digits)}%`;
}

/** A relative change (0.12 → "+12.0%"). */
export function formatChange(n: number): string {
  return `${n >= 0 ? '+' : '−'}${Math.abs(n * 100).toFixed(1)}%`;
}

/** Date and time, local, unambiguous (2024-03-01 14:05); takes ISO text or epoch ms. */
export function formatDateTime(iso: string | number | null | undefined): string {
  if (iso === null || iso === undefined || iso === '') return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '—';
  const pad = (x: number) => String(x).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** Date only (2024-03-01). */
export function formatDate(iso: string | number | null | undefined): string {
  return formatDateTime(iso).slice(0, 10);
}

/** "3 days ago"-style age of a time. */
export function formatAgo(iso: string | number | null | undefined, now = Date.now()): string {
  if (iso === null || iso === undefined || iso === '') return '—';
  const s = Math.round((now - (typeof iso === 'number' ? iso : Date.parse(iso))) / 1000);
  if (!Number.isFinite(s)) return '—';
  if (s < 0) return formatDateTime(iso);
  if (s < 60) return 'just now';
  const units: [number, string][] = [
    [86_400 * 365, 'year'],
    [86_400 * 30, 'month'],
    [86_400, 'day'],
    [3600, 'hour'],
    [60, 'minute'],
  ];
  for (const [size, name] of units) {
    if (s >= size) {
      const n = Math.floor(s / size);
      return `${n} ${name}${n === 1 ? '' : 's'} ago`;
    }
  }
  return 'just now';
}

/** Human words for snake/kebab identifiers (add_to_cart → add to cart). */
export function humanize(id: string): string {
  return id.replace(/^custom:/, '').replace(/[_-]+/g, ' ');
}

/** A byte size (1.2 MB). */
export function formatBytes(n: number | null | undefined): string {
  if (n === null || n === undefined || !Number.isFinite(n)) return '—';
  const units = ['B', 'KB', 'MB', 'GB'];
  let v = n;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  return `${v.toFixed(u === 0 ? 0 : 1)} ${units[u]}`;
}

/** A duration in seconds (0.4 s, 52 s, 3 min 5 s). */
export function formatSeconds(s: number | null | undefined): string {
  if (s === null || s === undefined || !Number.isFinite(s)) return '—';
  if (s < 10) return `${s.toFixed(1)} s`;
  if (s < 60) return `${Math.round(s)} s`;
  return `${Math.floor(s / 60)} min ${Math.round(s % 60)} s`;
}
