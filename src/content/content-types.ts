/** The vocabulary of a content request: what to write, in which language, tone and length. */

/** Kinds of copy the generator writes. */
export const CONTENT_KINDS = [
  'title',
  'description',
  'selling_points',
  'seo_title',
  'seo_description',
  'email_subject',
  'push',
  'social',
] as const;
/** One kind of copy. */
export type ContentKind = (typeof CONTENT_KINDS)[number];

/** Languages the built-in grammar writes. */
export const CONTENT_LOCALES = ['zh', 'en'] as const;
/** One language. */
export type ContentLocale = (typeof CONTENT_LOCALES)[number];

/** Voices of the copy. */
export const CONTENT_TONES = ['friendly', 'premium', 'playful', 'concise'] as const;
/** One voice. */
export type ContentTone = (typeof CONTENT_TONES)[number];

/** How much to write. */
export const CONTENT_LENGTHS = ['short', 'medium', 'long'] as const;
/** One length. */
export type ContentLength = (typeof CONTENT_LENGTHS)[number];

/** Longest text per kind, in characters (code points); SEO limits are what search engines show. */
export const MAX_CHARS: Record<ContentKind, number> = {
  title: 120,
  description: 2000,
  selling_points: 1000,
  seo_title: 60,
  seo_description: 160,
  email_subject: 80,
  push: 120,
  social: 500,
};

/** The item fields copy is written from: the API item (or the same shape sent as facts). */
export interface ContentItem {
  id?: string;
  title: string;
  description?: string | null;
  category?: string | null;
  brand?: string | null;
  price?: number | null;
  currency?: string | null;
  stock?: number | null;
  attributes?: Record<string, string | number | boolean | string[]>;
  tags?: string[];
  translations?: Record<string, { title?: string; description?: string; category?: string }>;
}

/** What reviews say about one aspect of the item: how many reviews praise and criticise it. */
export interface AspectCount {
  /** Aspect id as reviews name it (quality, size, price, shipping, service, looks, …). */
  aspect: string;
  positive: number;
  negative: number;
}

/** The review side of the facts. */
export interface ReviewFacts {
  /** Reviews summarised. */
  reviews: number;
  /** Share of reviews scored positive (0..1), null without reviews. */
  positiveShare: number | null;
  /** Aspect counts. */
  aspects: AspectCount[];
}
