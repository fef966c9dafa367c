/** Answers "评价怎么样" / "what do reviews say" about an item from its review summary (counts and extractive quotes only). */

/** What the assistant may say about an item's reviews: counts, praised and criticised aspects, quotes from reviews. */
export interface ReviewDigest {
  /** Reviews scored for the item. */
  reviews: number;
  /** Share of them the sentiment model reads as positive (null without reviews). */
  positiveShare: number | null;
  /** Praised aspects, most-mentioned first: label in the reply's language, reviews praising it, one quote. */
  pros: { label: string; reviews: number; quote?: string }[];
  /** Criticised aspects, likewise. */
  cons: { label: string; reviews: number; quote?: string }[];
}

/** Where the assistant reads an item's review digest (the reviews capability, wired by the engine). */
export type ReviewSource = (itemId: string, locale: 'zh' | 'en') => Promise<ReviewDigest>;

// Asked about reviews, ratings or what other buyers say — as opposed to the item's own facts.
const REVIEW_QUESTION =
  /评价|评论|口碑|好评|差评|买家|买过的人|大家.*(说|觉得)|用户.*(说|反馈)|\breviews?\b|\brated\b|\bratings?\b|(people|customers|buyers) (say|think)/iu;

/** Whether a message asks what reviews say. */
export function isReviewQuestion(text: string): boolean {
  return REVIEW_QUESTION.test(text);
}

/** The reply: how many reviews, the positive share, up to three pros and two cons with a quote each. */
export function reviewsReply(title: string, d: ReviewDigest, locale: 'zh' | 'en'): string {
  if (d.reviews === 0 || d.positiveShare === null) {
    return locale === 'zh' ? `${title} 还没有评价。` : `${title} has no reviews yet.`;
  }
  const pct = Math.round(d.positiveShare * 100);
  const side = (list: ReviewDigest['pros'], max: number): string =>
    list
      .slice(0, max)
      .map((a) =>
        locale === 'zh'
          ? `${a.label}（${a.reviews} 条${a.quote ? `，如“${a.quote}”` : ''}）`
          : `${a.label} (${a.reviews} review${a.reviews === 1 ? '' : 's'}${a.quote ? `, e.g. "${a.quote}"` : ''})`,
      )
      .join(locale === 'zh' ? '；' : '; ');
  const parts =
    locale === 'zh'
      ? [`${title} 共 ${d.reviews} 条评价，${pct}% 为好评。`]
      : [`${title}: ${d.reviews} review${d.reviews === 1 ? '' : 's'}, ${pct}% positive.`];
  if (d.pros.length > 0)
    parts.push(locale === 'zh' ? `好评集中在：${side(d.pros, 3)}。` : `Praised: ${side(d.pros, 3)}.`);
  if (d.cons.length > 0)
    parts.push(locale === 'zh' ? `不满主要是：${side(d.cons, 2)}。` : `Complaints: ${side(d.cons, 2)}.`);
  return parts.join(locale === 'zh' ? '' : ' ');
}
