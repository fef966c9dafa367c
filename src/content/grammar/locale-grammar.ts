/**
 * The shape of a locale's phrase grammar: templates with {slot} holes per kind and tone. A template is
 * used only when every slot it names has a value, so copy never mentions an attribute the item lacks.
 */
import type { ContentTone } from '../content-types.js';

/** Templates per tone. */
export type Toned = Record<ContentTone, readonly string[]>;

/** How reviews' praise of one aspect is written. */
export interface AspectWords {
  /** The aspect as a noun ('做工', 'build quality'). */
  label: string;
  /** A short phrase of praise ('做工扎实', 'solid build quality'). */
  praise: string;
}

/** A locale's grammar. */
export interface LocaleGrammar {
  /** Joins sentences ('' in Chinese, ' ' in English). */
  sentenceJoin: string;
  /** Joins list items ('、' or ', '). */
  listJoin: string;
  /** Starts a bullet line of selling points. */
  bullet: string;
  /** Words per aspect id; aspects missing here are not written about. */
  aspects: Record<string, AspectWords>;
  /** Attribute labels in spec sentences, by key. */
  attributeLabels: Record<string, string>;
  /** Product titles (kind `title`). */
  title: Toned;
  /** Description opening sentences. */
  opener: Toned;
  /** Sentences about one attribute, by attribute key (colour, material, size, style) or 'specs' for the rest. */
  detail: Record<string, readonly string[]>;
  /** A sentence on one praised aspect: {praise}, {label}, {n} (positive reviews). */
  aspect: Toned;
  /** A sentence on the share of positive reviews: {share} (percent), {reviews}. */
  share: readonly string[];
  /** A sentence on the price: {price}. */
  price: Toned;
  /** Sentences per status claim. */
  status: {
    bestseller: readonly string[];
    isNew: readonly string[];
    freeShipping: readonly string[];
    sale: readonly string[];
  };
  /** Closing sentences. */
  closer: Toned;
  /** Selling points: one template per point source. */
  point: { aspect: readonly string[]; price: readonly string[]; share: readonly string[] };
  /** SEO titles, shortest last (the first that fits 60 characters wins after shuffling). */
  seoTitle: readonly string[];
  /** E-mail subject lines. */
  email: Toned;
  /** Push texts. */
  push: Toned;
  /** Social post openers (the body reuses description sentences). */
  social: Toned;
}
