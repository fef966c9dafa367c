/**
 * Review insight over the event log: scores review events after a cursor (run as a job, off the serving
 * thread), and reads back per-item summaries, aggregates per item/brand/category, and the items whose
 * recent sentiment fell below their own baseline (a signal journeys and the console read).
 */
import { DAY_MS, type StoredEvent } from '../../domain/index.js';
import type { Clock } from '../../platform/clock.js';
import { expireGaps, fillGaps, parseGaps, type SeqGap } from '../../platform/seq-gaps.js';
import type { Store } from '../../store/store.js';
import type { StoredReviewScore } from '../../store/repositories/review-repository.js';
import { extractAspects, type AspectMention } from '../aspects/extract-aspects.js';
import { summarizeAspects, type ItemAspectSummary } from '../aspects/summarize-aspects.js';
import {
  adaptToReviews,
  MAX_ADAPT_TEXTS,
  type AdaptationDecision,
  type AdaptMode,
} from '../sentiment/adapt-sentiment.js';
import type { SentimentModel } from '../sentiment/sentiment-model.js';
import {
  saveAdaptedStoreSentiment,
  latestStoreSentimentId,
  loadStoreSentiment,
  resetStoreSentiment,
  trainStoreSentiment,
  type LabelledReview,
  type SentimentScorer,
  type StoreSentimentInfo,
} from './store-sentiment.js';

/** The cursor: seq of the last event looked at. */
export const REVIEW_CURSOR_KEY = 'reviews.cursor';
/** The holes in `seq` the scoring job read past on PostgreSQL (see platform/seq-gaps.ts). */
export const REVIEW_GAPS_KEY = 'reviews.gaps';

// A transaction open longer than this is taken to have rolled back; the bound caps what each run re-reads.
const GAP_TTL_MS = 6 * 3_600_000;
const MAX_GAPS = 2000;

/** An item whose recent reviews are clearly less positive than its earlier ones. */
export interface SentimentDrop {
  itemId: string;
  /** Reviews in the recent window, and their mean probability of positive. */
  recentReviews: number;
  recentMean: number;
  /** Reviews before the window, and their mean. */
  baselineReviews: number;
  baselineMean: number;
  /** baselineMean − recentMean. */
  drop: number;
}

/** Settings of the drop signal. */
export interface DropOptions {
  /** The recent window in days (default 14). */
  windowDays?: number;
  /** Fewest recent reviews (default 3). */
  minRecent?: number;
  /** Fewest earlier reviews for a baseline (default 5). */
  minBaseline?: number;
  /** Smallest fall in mean probability that counts (default 0.2). */
  minDrop?: number;
}

/** What customers say about one item. */
export interface ItemReviewSummary {
  itemId: string;
  reviews: number;
  /** Mean probability of positive (null without reviews). */
  meanScore: number | null;
  /** Share of reviews scored positive. */
  positiveShare: number | null;
  /** Aspect pros and cons with counts and quotes. */
  aspects: ItemAspectSummary;
  /** The drop signal when the item currently raises it. */
  drop: SentimentDrop | null;
}

/** Review scoring, summaries and signals. */
export class ReviewService {
  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly builtin: () => SentimentModel,
  ) {}

  /** The newest stored store model seen (null id: none yet) and the scorer it selects. */
  private current: { id: string | undefined; info: StoreSentimentInfo | null; scorer: SentimentScorer } | null = null;

  /**
   * The scorer of this store's reviews: its own model where one was trained and beat the built-in model on
   * held-out reviews, else the built-in one. Re-read when a newer model is stored (one cheap query per call).
   */
  async scorer(): Promise<SentimentScorer> {
    return (await this.refresh()).scorer;
  }

  /** The store model in use, or null when the built-in model scores. */
  async storeModel(): Promise<StoreSentimentInfo | null> {
    return (await this.refresh()).info;
  }

  private async refresh(): Promise<{ info: StoreSentimentInfo | null; scorer: SentimentScorer }> {
    const id = await latestStoreSentimentId(this.store);
    if (this.current && this.current.id === id) return this.current;
    const loaded = id ? await loadStoreSentiment(this.store, id) : undefined;
    const own = loaded?.scorer && loaded.info.active ? loaded.scorer : null;
    this.current = { id, info: loaded?.scorer ? loaded.info : null, scorer: own ?? this.builtin() };
    return this.current;
  }

  /**
   * Trains the store's own model on the merchant's labelled reviews (validated by the caller) with the engine of
   * `daogou classify`; call it off the serving thread (the job or the CLI). Reviews scored afterwards use it.
   */
  async train(reviews: readonly LabelledReview[], onProgress?: (done: number, total: number) => void) {
    return trainStoreSentiment(this.store, this.clock, reviews, this.builtin(), onProgress);
  }

  /**
   * Adapts the built-in model to the store's own stored reviews (the latest {@link MAX_ADAPT_TEXTS}; no labels
   * needed) and, where it adapted (`mode` 'auto': the gate of `adaptToReviews` found enough reviews unlike the
   * training data; 'on': always), stores it as the store's model; otherwise the stored model stays as it was.
   * Call it off the serving thread (the job).
   */
  async adapt(mode: Exclude<AdaptMode, 'off'> = 'auto'): Promise<{
    decision: AdaptationDecision;
    info: StoreSentimentInfo | null;
  }> {
    const texts = await this.store.events.reviewTexts(MAX_ADAPT_TEXTS);
    const { model, decision } = adaptToReviews(this.builtin(), texts, mode);
    if (!decision.adapted) return { decision, info: null };
    return { decision, info: await saveAdaptedStoreSentiment(this.store, this.clock, model, decision) };
  }

  /** Sends the store's scoring back to the built-in model (the trained models stay stored until pruned). */
  async useBuiltin(): Promise<void> {
    await resetStoreSentiment(this.store, this.clock);
  }

  /**
   * Scores review events after the cursor, `limit` at a time, until the log is read, then evaluates the drop
   * signal (default settings) and stores it, so journeys see each new drop once; returns how many were scored
   * and the items newly raised.
   */
  async catchUp(
    limit = 2000,
    onProgress?: (scored: number) => void,
  ): Promise<{ scored: number; cursor: number; raised: string[] }> {
    let scored = 0;
    const model = await this.scorer();
    let cursor = Number((await this.store.meta.get(REVIEW_CURSOR_KEY)) ?? 0);
    // On PostgreSQL a transaction still open can commit a review with a lower seq after higher ones were
    // read: the holes read past are kept (beside the cursor, in the same transaction) and read again later.
    const tracksGaps = this.store.commitsOutOfOrder;
    let gaps = tracksGaps ? parseGaps(await this.store.meta.get(REVIEW_GAPS_KEY)) : [];
    if (gaps.length > 0) {
      const late = await this.store.events.bySeqRanges(gaps.map(([a, b]) => [a, b]));
      const rows = this.scorePage(model, late, this.clock());
      gaps = expireGaps(fillGaps(gaps, new Set(late.map((e) => e.seq))), this.clock(), GAP_TTL_MS, MAX_GAPS);
      await this.store.transaction(async (repos) => {
        await repos.reviews.insert(rows);
        await repos.meta.set(REVIEW_GAPS_KEY, JSON.stringify(gaps), this.clock());
      });
      scored += rows.length;
    }
    for (;;) {
      // Only review events are read (an index holds their positions): reading every event to find the reviews
      // took a worker's main lane for half an hour on a 40M-event log before its first training. The holes are
      // the positions between that hold no event yet, asked of the database in the same snapshot as the page,
      // so a review committed between the two reads is either in the page or a hole.
      const from = cursor;
      const { page, holes } = await this.store.snapshotReads(async ({ events }) => {
        const page = await events.scan(from, limit, 'review');
        const last = page[page.length - 1]?.seq;
        return { page, holes: tracksGaps && last !== undefined ? await events.seqHoles(from, last) : [] };
      });
      if (page.length === 0) break;
      const now = this.clock();
      const rows = this.scorePage(model, page, now);
      const last = page[page.length - 1]!.seq;
      const open: SeqGap[] = tracksGaps
        ? expireGaps([...gaps, ...holes.map(([a, b]): SeqGap => [a, b, now])], now, GAP_TTL_MS, MAX_GAPS)
        : [];
      await this.store.transaction(async (repos) => {
        await repos.reviews.insert(rows);
        await repos.meta.set(REVIEW_CURSOR_KEY, String(last), now);
        if (tracksGaps) await repos.meta.set(REVIEW_GAPS_KEY, JSON.stringify(open), now);
      });
      gaps = open;
      cursor = last;
      scored += rows.length;
      onProgress?.(scored);
      if (page.length < limit) break;
    }
    // Evaluated on every run, not only when reviews arrive: reviews age out of the recent window too.
    const current = await this.drops();
    const now = this.clock();
    const raised = await this.store.transaction((repos) => repos.reviews.recordDrops(current, now));
    return { scored, cursor, raised };
  }

  /** Scores the review events of a page of the log (other events are skipped). */
  private scorePage(
    model: SentimentScorer,
    page: readonly StoredEvent[],
    now: number,
  ): StoredReviewScore<AspectMention>[] {
    const rows: StoredReviewScore<AspectMention>[] = [];
    for (const e of page) {
      if (e.type !== 'review' || !e.review || !e.itemId) continue;
      rows.push(this.scoreEvent(model, e.seq, e.itemId, e.review, e, now));
    }
    return rows;
  }

  private scoreEvent(
    model: SentimentScorer,
    seq: number,
    itemId: string,
    text: string,
    e: { customerId: string | null; anonymousId: string | null; rating: number | null; timestamp: number },
    now: number,
  ): StoredReviewScore<AspectMention> {
    return {
      eventSeq: seq,
      itemId,
      customerId: e.customerId,
      anonymousId: e.anonymousId,
      rating: e.rating,
      score: model.probability(text),
      aspects: extractAspects(text, (clause) => model.probability(clause)),
      reviewedAt: e.timestamp,
      scoredAt: now,
    };
  }

  /** Sentiment, aspect pros and cons, and the drop signal of one item (from its latest 1,000 reviews). */
  async itemSummary(itemId: string, options: DropOptions = {}): Promise<ItemReviewSummary> {
    const rows = await this.store.reviews.forItem<AspectMention>(itemId);
    const n = rows.length;
    const drop = (await this.drops(options)).find((d) => d.itemId === itemId) ?? null;
    return {
      itemId,
      reviews: n,
      meanScore: n ? rows.reduce((a, r) => a + r.score, 0) / n : null,
      positiveShare: n ? rows.filter((r) => r.score >= 0.5).length / n : null,
      aspects: summarizeAspects(rows.map((r) => r.aspects)),
      drop,
    };
  }

  /** Sentiment per item, brand or category. */
  aggregates(level: 'item' | 'brand' | 'category', limit = 50, offset = 0) {
    return this.store.reviews.aggregate(level, limit, offset);
  }

  /** Items whose recent sentiment fell below their own baseline, largest fall first. */
  async drops(options: DropOptions = {}): Promise<SentimentDrop[]> {
    const windowDays = options.windowDays ?? 14;
    const minRecent = options.minRecent ?? 3;
    const minBaseline = options.minBaseline ?? 5;
    const minDrop = options.minDrop ?? 0.2;
    const trends = await this.store.reviews.trends(this.clock() - windowDays * DAY_MS);
    return trends
      .filter((t) => t.recentReviews >= minRecent && t.baselineReviews >= minBaseline)
      .map((t) => ({ ...t, drop: t.baselineMean - t.recentMean }))
      .filter((t) => t.drop >= minDrop)
      .sort((a, b) => b.drop - a.drop || a.itemId.localeCompare(b.itemId));
  }
}
