/** The UI language: Chinese or English, first from the browser, then as the visitor chose (remembered). */
import { observable, useObservable } from './observable.js';
import { en, zh, type StringKey } from './strings.js';

/** A supported UI language. */
export type Lang = 'zh' | 'en';

const STORAGE_KEY = 'daogou-store.lang';

function initialLang(): Lang {
  try {
    const saved = localStorage.getItem(STORAGE_KEY);
    if (saved === 'zh' || saved === 'en') return saved;
  } catch {
    // Storage blocked (private mode): fall through to the browser's language.
  }
  return navigator.language.toLowerCase().startsWith('zh') ? 'zh' : 'en';
}

/** The current language. */
export const lang$ = observable<Lang>(initialLang());

function applyToDocument(lang: Lang): void {
  document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
}
applyToDocument(lang$.get());

/** Switches the language and remembers it. */
export function setLang(lang: Lang): void {
  lang$.set(lang);
  applyToDocument(lang);
  try {
    localStorage.setItem(STORAGE_KEY, lang);
  } catch {
    // Not remembered, still switched.
  }
}

/** A translate function for one language. */
export type Translate = (key: StringKey, values?: Record<string, string | number>) => string;

/** Translates a key in `lang`, filling `{name}` placeholders. */
export function translate(lang: Lang, key: StringKey, values?: Record<string, string | number>): string {
  const text: string = (lang === 'zh' ? zh : en)[key];
  if (!values) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));
}

/** The current language and its translate function; the component re-renders when the language changes. */
export function useI18n(): { lang: Lang; t: Translate } {
  const lang = useObservable(lang$);
  return { lang, t: (key, values) => translate(lang, key, values) };
}
