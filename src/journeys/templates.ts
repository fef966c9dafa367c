/**
 * Message templates in LiquidJS: `{{ customer.traits.name }}`, `{{ trigger.itemId }}`, and product blocks
 * (`{{ recommendations | product_block }}`, `cart`, `similar`, `item`) with image, price and link. HTML output
 * is escaped by default (`| raw` opts out), so a customer's own name cannot inject markup into an email.
 */
import { Liquid, type Template } from 'liquidjs';
import type { Content } from './definition.js';

/** A product as a template sees it. */
export interface ProductView {
  id: string;
  title: string;
  price: number | null;
  currency: string | null;
  image: string | null;
  url: string;
}

/** The product lists a template may name; only those named are computed. */
export const PRODUCT_LISTS = ['recommendations', 'cart', 'similar', 'item'] as const;
/** A product list name. */
export type ProductListName = (typeof PRODUCT_LISTS)[number];

/** Everything a template may refer to. */
export interface TemplateContext {
  customer: { id: string; traits: Record<string, unknown> };
  trigger: Record<string, unknown>;
  journey: { id: string; name: string };
  locale: string;
  unsubscribe_url: string;
  products: Partial<Record<ProductListName, ProductView[]>>;
}

/** Rendered content: every part a channel may use. */
export interface RenderedContent {
  subject: string;
  html: string;
  text: string;
  body: string;
  title: string;
}

function money(price: unknown, currency: unknown): string {
  if (typeof price !== 'number' || !Number.isFinite(price)) return '';
  const symbol =
    currency === 'CNY' || currency === undefined || currency === null
      ? '¥'
      : currency === 'USD'
        ? '$'
        : `${typeof currency === 'string' ? currency : ''} `;
  return `${symbol}${price.toFixed(2)}`;
}

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

function productBlockHtml(products: unknown): string {
  if (!Array.isArray(products) || products.length === 0) return '';
  const cells = (products as ProductView[]).map((p) => {
    const image = p.image
      ? `<img src="${escapeHtml(p.image)}" alt="${escapeHtml(p.title)}" width="160" style="display:block;border:0">`
      : '';
    return `<td style="padding:8px;vertical-align:top;width:170px"><a href="${escapeHtml(p.url)}">${image}<div>${escapeHtml(p.title)}</div></a><div><b>${escapeHtml(money(p.price, p.currency))}</b></div></td>`;
  });
  return `<table role="presentation" class="daogou-products"><tr>${cells.join('')}</tr></table>`;
}

function productBlockText(products: unknown): string {
  if (!Array.isArray(products)) return '';
  return (products as ProductView[])
    .map((p) => `- ${p.title} ${money(p.price, p.currency)} ${p.url}`.trim())
    .join('\n');
}

function engine(html: boolean): Liquid {
  const liquid = new Liquid({
    strictFilters: true,
    ...(html ? { outputEscape: 'escape' as const } : {}),
    cache: false,
  });
  // The block builds its HTML from escaped parts, so it is registered raw (not escaped a second time).
  liquid.registerFilter('product_block', html ? { handler: productBlockHtml, raw: true } : productBlockText);
  liquid.registerFilter('product_list', productBlockText);
  liquid.registerFilter('money', money);
  return liquid;
}

const htmlEngine = engine(true);
const textEngine = engine(false);
const parsed = new Map<string, Template[]>();

function parse(liquid: Liquid, source: string, html: boolean): Template[] {
  const key = `${html ? 'h' : 't'}${source}`;
  let templates = parsed.get(key);
  if (!templates) {
    templates = liquid.parse(source);
    if (parsed.size > 2000) parsed.clear();
    parsed.set(key, templates);
  }
  return templates;
}

/** Parses every part of a content object; throws naming the part on a syntax error or unknown filter. */
export function checkContent(content: Content): { field: string; message: string }[] {
  const issues: { field: string; message: string }[] = [];
  for (const [part, source] of Object.entries(content) as [keyof Content, string | undefined][]) {
    if (source === undefined) continue;
    try {
      parse(part === 'html' ? htmlEngine : textEngine, source, part === 'html');
    } catch (error) {
      issues.push({
        field: part,
        message: `template error: ${error instanceof Error ? error.message : String(error)}`,
      });
    }
  }
  return issues;
}

const LIST_NAMES = PRODUCT_LISTS.map((name) => ({ name, pattern: new RegExp(`\\b${name}\\b`) }));
const listsUsed = new WeakMap<Content, ProductListName[]>();

/** Which product lists a content object names (so only those are computed); remembered per content object. */
export function productListsUsed(content: Content): ProductListName[] {
  let names = listsUsed.get(content);
  if (!names) {
    const all = Object.values(content).join('\n');
    names = LIST_NAMES.filter(({ pattern }) => pattern.test(all)).map(({ name }) => name);
    listsUsed.set(content, names);
  }
  return names;
}

/** The product lists any locale of a content object (plain or `{ zh: …, en: … }`) names. */
export function listsNamedIn(content: Content | Record<string, Content>): ProductListName[] {
  const parts = Object.values(content) as unknown[];
  if (parts.every((part) => typeof part !== 'object' || part === null)) return productListsUsed(content);
  return [...new Set((parts as Content[]).flatMap((part) => productListsUsed(part)))];
}

/** Renders every part; a missing text part is derived from the HTML's text. */
export function renderContent(content: Content, context: TemplateContext): RenderedContent {
  const scope = { ...context, ...context.products };
  const render = (source: string | undefined, html: boolean) =>
    source === undefined
      ? ''
      : ((html ? htmlEngine : textEngine).renderSync(
          parse(html ? htmlEngine : textEngine, source, html),
          scope,
        ) as string);
  const html = render(content.html, true);
  const text = content.text !== undefined ? render(content.text, false) : htmlToText(html);
  const subject = render(content.subject, false);
  return {
    subject,
    html,
    text,
    body: render(content.body, false) || text,
    title: render(content.title, false) || subject,
  };
}

/** A plain-text rendering of simple HTML (tags dropped, entities decoded, blank lines collapsed). */
export function htmlToText(html: string): string {
  return html
    .replace(/<(br|\/p|\/div|\/tr|\/h\d)\s*\/?>/gi, '\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** Picks the content for a locale from a localised map (`{ zh: …, en: … }`), else the first one. */
export function contentFor(content: Content | Record<string, Content>, locale: string): Content {
  // Whether the keys are locales is remembered per content object: it was asked again for every message.
  let first = localisedFirst.get(content);
  if (first === undefined) {
    const keys = Object.keys(content);
    const localised = keys.length > 0 && keys.every((k) => /^[a-z]{2}(-[A-Za-z]{2,4})?$/.test(k));
    first = localised ? keys[0]! : null;
    localisedFirst.set(content, first);
  }
  if (first === null) return content;
  const map = content as Record<string, Content>;
  return map[locale] ?? map[locale.slice(0, 2)] ?? map[first]!;
}

/** Per content object: its first locale key, or null when its keys are not locales. */
const localisedFirst = new WeakMap<object, string | null>();
