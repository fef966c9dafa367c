/** The default recommender: several models blended with weights chosen on a validation hold-out. */
import { seededRandom, shuffleInPlace } from '../math/random.js';
import { pack, unpack } from '../math/pack.js';
import { topK } from '../math/top-k.js';
import type { BlendData } from './blend-weight-search.js';
import { searchBlendWeights } from './blend-weight-search.js';
import { defaultComponents } from './default-components.js';
import type { ComponentSpec, DefaultComponentOptions } from './default-components.js';
import { evaluateRanking } from './evaluate/evaluate.js';
import { lastBasketOut, leaveLastOut, stratifiedSplit } from './evaluate/splits.js';
import type { Split } from './evaluate/splits.js';
import { DEFAULT_EVENT_WEIGHTS, eventCode, eventWeight } from './event-weights.js';
import type { EventWeights } from './event-weights.js';
import type { History } from './history.js';
import type { InteractionLog } from './interaction-log.js';
import { planValidation } from './log-shape.js';
import type { LogShape, ValidationPlan } from './log-shape.js';
import type { Recommender } from './recommender.js';
import { loadRecommender } from './registry.js';
import { ItemSubset } from './item-subset.js';

/** Options for {@link DefaultPipeline}. */
export interface PipelineOptions extends DefaultComponentOptions {
  /** Models to blend; defaults depend on the catalogue size (see defaultComponents). */
  components?: ComponentSpec[];
  /**
   * How weights and hyperparameters are chosen: `auto` (default) measures the log's shape and holds out
   * each user's last event for sequences or a random 20% per user otherwise (see log-shape.ts); `last`
   * and `random` force one; `none` keeps the default weights.
   */
  validation?: 'auto' | 'last' | 'basket' | 'random' | 'none';
  /** Logs up to this many events also get their hyperparameters chosen on validation (default 120,000). */
  tuneMaxEvents?: number;
  /** Validation users sampled (seeded) to bound the search cost. */
  maxValidationUsers?: number;
  /** Candidates each component contributes per validation user. */
  candidatesPerComponent?: number;
  seed?: number;
  /** Called with progress messages (fit stages). */
  onProgress?: (message: string) => void;
}

/** Blend weights chosen for a log, with the validation NDCG@10 they reached (null when not validated). */
export interface BlendChoice {
  weights: number[];
  validationNdcg: number | null;
  /** The hold-out used and why ('none' when not validated). */
  protocol: 'last' | 'basket' | 'random' | 'none';
  reason: string;
  shape?: LogShape;
  /** Chosen variant per component (index into its spec's variants; absent: the defaults). */
  variants?: number[];
  /** Chosen hyperparameters by component, with each variant's validation NDCG@10, for the model status. */
  tuning?: { component: string; chosen: string; tried: { label: string; ndcg: number }[] }[];
}

/** Logs up to this many events get hyperparameters chosen on validation, larger ones the defaults. */
export const DEFAULT_TUNE_MAX_EVENTS = 120_000;
/** Validation users sampled when comparing hyperparameter settings. */
const TUNE_USERS = 1000;

/** One recommended item with its blended score and where it came from. */
export interface RecommendedItem {
  item: number;
  score: number;
  /** Weighted, normalised contribution of each component that scored the item. */
  sources: { name: string; score: number }[];
  /** History position of the event that contributed most via neighbourhood models, or -1. */
  because: number;
}

/** An event of an anonymous session or a live request, by external item id. */
export interface SessionEvent {
  itemId: string;
  timestamp?: number;
  eventType?: string;
  value?: number;
}

/** Blends normalised component scores: Σ_c w_c · s_c(j) / max_unseen s_c. */
export class DefaultPipeline implements Recommender {
  readonly name = 'default-pipeline';
  models: Recommender[] = [];
  weights: number[] = [];
  /** Validation NDCG@10 of the chosen blend (NaN when not validated). */
  validationNdcg = Number.NaN;
  /** External item ids by index, as in the training log (saved with the model). */
  itemIds: readonly string[] = [];
  private itemIndex = new Map<string, number>();
  private eventWeights: EventWeights = DEFAULT_EVENT_WEIGHTS;
  private buffers: Float32Array[] = [];
  private mask = new Uint8Array(0);

  constructor(readonly opts: PipelineOptions = {}) {}

  /** Number of items scored. */
  get numItems(): number {
    return this.models[0]?.numItems ?? 0;
  }

  /** The validation choice and the settings it records (protocol, reason, tuning), from the last fit. */
  choice: BlendChoice | null = null;
  private plans = new WeakMap<InteractionLog, ValidationPlan | null>();

  /** Chooses weights (and, on small logs, hyperparameters) on a hold-out of `log`, then fits on all of it. */
  fit(log: InteractionLog): void {
    const choice = this.chooseWeights(log);
    this.fitComponents(log, choice);
    this.useWeights(choice);
  }

  /**
   * How `log` is validated: the protocol its shape calls for (or the forced one) with the reason; null
   * with `validation: 'none'`. Deterministic, so every thread of a split fit agrees.
   */
  plan(log: InteractionLog): ValidationPlan | null {
    if (this.plans.has(log)) return this.plans.get(log)!;
    const mode = this.opts.validation ?? 'auto';
    let plan: ValidationPlan | null = null;
    if (mode === 'auto') plan = planValidation(log);
    else if (mode !== 'none') plan = { protocol: mode, reason: `validation: '${mode}' was asked for` };
    this.plans.set(log, plan);
    return plan;
  }

  /** Whether validation also chooses hyperparameters (then components must wait for the choice). */
  tunes(log: InteractionLog): boolean {
    const specs = this.specs(log);
    return (
      this.plan(log) !== null &&
      specs.length > 1 &&
      log.size <= (this.opts.tuneMaxEvents ?? DEFAULT_TUNE_MAX_EVENTS) &&
      specs.some((s) => (s.variants?.length ?? 0) > 1)
    );
  }

  /**
   * The blend weights for `log`: fitted on a hold-out of it and searched for the best validation NDCG@10, or
   * the components' defaults without validation. On small logs each component's hyperparameter settings
   * are first compared on the same hold-out. Independent of {@link fitComponents} unless {@link tunes}, so
   * the two can run on two threads.
   */
  chooseWeights(log: InteractionLog): BlendChoice {
    const plan = this.plan(log);
    const specs = this.specs(log);
    const base = { weights: specs.map((s) => s.weight), validationNdcg: null };
    if (plan === null) return { ...base, protocol: 'none', reason: "validation: 'none' was asked for" };
    const recorded = { protocol: plan.protocol, reason: plan.reason, ...(plan.shape ? { shape: plan.shape } : {}) };
    if (specs.length <= 1) return { ...base, ...recorded };
    if (log.numUsers < 2) return { ...base, protocol: 'none', reason: 'too few customers to validate on' };
    const progress = this.opts.onProgress ?? (() => {});
    const split =
      plan.protocol === 'last'
        ? leaveLastOut(log, 0)
        : plan.protocol === 'basket'
          ? lastBasketOut(log)
          : stratifiedSplit(log, 0.8, this.opts.seed ?? 42, 'user');
    if (split.test.size === 0)
      return { ...base, protocol: 'none', reason: 'no customer has enough events to hold out' };
    // A pipeline of its own, so this one's fitted components are not touched.
    const validation = new DefaultPipeline(this.opts);
    validation.weights = base.weights;
    const tuning: NonNullable<BlendChoice['tuning']> = [];
    const variants = specs.map(() => 0);
    const tune = this.tunes(log);
    validation.models = specs.map((s, c) => {
      const options = tune && s.variants && s.variants.length > 1 ? s.variants : undefined;
      if (!options) {
        const m = s.create();
        progress(`validation fit: ${m.name}`);
        m.fit(split.train);
        return m;
      }
      let best: { m: Recommender; ndcg: number; v: number } | undefined;
      const tried: { label: string; ndcg: number }[] = [];
      options.forEach((o, v) => {
        const m = o.create();
        progress(`validation fit: ${m.name} (${o.label})`);
        m.fit(split.train);
        const ndcg = evaluateRanking((h, out) => m.score(h, out), split, {
          k: 10,
          maxUsers: TUNE_USERS,
          seed: this.opts.seed ?? 42,
        }).ndcg;
        tried.push({ label: o.label, ndcg });
        // The first (default) setting stays unless another is clearly better.
        if (!best || ndcg > best.ndcg * 1.005) best = { m, ndcg, v };
      });
      variants[c] = best!.v;
      tuning.push({ component: best!.m.name, chosen: options[best!.v]!.label, tried });
      return best!.m;
    });
    validation.allocate(log.numItems);
    progress('choosing blend weights');
    const found = searchBlendWeights(validation.blendData(split), base.weights);
    return {
      weights: found.weights,
      validationNdcg: found.ndcg,
      ...recorded,
      ...(tune ? { variants, tuning } : {}),
    };
  }

  /**
   * Fits every component on all of `log` (weights stay as they are until {@link useWeights}); with a
   * choice that picked hyperparameters, each component with the chosen setting.
   */
  fitComponents(log: InteractionLog, choice?: BlendChoice): void {
    const specs = this.specs(log);
    const progress = this.opts.onProgress ?? (() => {});
    if (this.weights.length !== specs.length) this.weights = specs.map((s) => s.weight);
    this.models = specs.map((s, c) => {
      const v = choice?.variants?.[c] ?? 0;
      return v > 0 && s.variants?.[v] ? s.variants[v].create() : s.create();
    });
    for (const m of this.models) {
      progress(`fit: ${m.name}`);
      m.fit(log);
    }
    this.allocate(log.numItems);
    this.setItems(log.itemIds, log.eventWeights);
  }

  /** Sets the blend weights (from {@link chooseWeights}, here or on another thread). */
  useWeights(choice: BlendChoice): void {
    if (choice.weights.length !== this.models.length) {
      throw new Error(`${choice.weights.length} blend weights for ${this.models.length} components`);
    }
    this.weights = [...choice.weights];
    this.validationNdcg = choice.validationNdcg ?? Number.NaN;
    this.choice = choice;
  }

  /** The components for `log`: given, or chosen by catalogue size and shape (the same on every thread). */
  private specs(log: InteractionLog): ComponentSpec[] {
    const sequential = this.opts.sequential ?? (this.plan(log)?.protocol ?? 'last') === 'last';
    return this.opts.components ?? defaultComponents(log, { ...this.opts, sequential });
  }

  /** Turns session events (any order, external ids) into a history; unknown items are dropped. */
  historyOf(events: readonly SessionEvent[]): History {
    const known = events
      .map((e, order) => ({ e, order, item: this.itemIndex.get(e.itemId) }))
      .filter((x): x is { e: SessionEvent; order: number; item: number } => x.item !== undefined)
      .sort((a, b) => (a.e.timestamp ?? 0) - (b.e.timestamp ?? 0) || a.order - b.order);
    return {
      items: Int32Array.from(known, (x) => x.item),
      timestamps: Float64Array.from(known, (x) => x.e.timestamp ?? 0),
      weights: Float32Array.from(known, (x) =>
        eventWeight(eventCode(x.e.eventType), x.e.value ?? Number.NaN, this.eventWeights),
      ),
    };
  }

  private setItems(ids: readonly string[], weights: EventWeights): void {
    this.itemIds = ids;
    this.itemIndex = new Map(ids.map((id, i) => [id, i]));
    this.eventWeights = weights;
  }

  /** Blended score of every item; items in the history get their raw blend too (callers exclude them). */
  score(history: History, out: Float32Array): void {
    out.fill(0);
    this.componentScores(history);
    for (let c = 0; c < this.models.length; c++) {
      const w = this.weights[c]!;
      if (w === 0) continue;
      const buf = this.buffers[c]!;
      for (let i = 0; i < out.length && i < buf.length; i++) out[i]! += w * buf[i]!;
    }
  }

  /** Top-k unseen items (minus `exclude`) with per-component contributions and the strongest history event. */
  recommend(history: History, k: number, exclude?: ReadonlySet<number>): RecommendedItem[] {
    const out = new Float32Array(this.numItems);
    this.score(history, out);
    const skip = new Set<number>(exclude);
    for (let p = 0; p < history.items.length; p++) skip.add(history.items[p]!);
    const top = topK(out, k, skip, 0);
    const result: RecommendedItem[] = [];
    for (let r = 0; r < top.indices.length; r++) {
      const item = top.indices[r]!;
      const sources: { name: string; score: number }[] = [];
      let because = -1;
      let bestShare = 0;
      for (let c = 0; c < this.models.length; c++) {
        const s = this.weights[c]! * this.buffers[c]![item]!;
        if (s <= 0) continue;
        const m = this.models[c]!;
        sources.push({ name: m.name, score: s });
        if (m.explain && s > bestShare) {
          const p = m.explain(history, item);
          if (p >= 0) {
            because = p;
            bestShare = s;
          }
        }
      }
      sources.sort((a, b) => b.score - a.score);
      result.push({ item, score: top.scores[r]!, sources, because });
    }
    return result;
  }

  /** Items similar to one item, blended over the components that support it. */
  similar(item: number, out: Float32Array): void {
    out.fill(0);
    this.models.forEach((m, c) => {
      if (!m.similar || this.weights[c] === 0) return;
      const buf = this.buffers[c]!;
      m.similar(item, buf);
      normalizeUnseen(buf, this.mask);
      for (let i = 0; i < out.length; i++) out[i]! += this.weights[c]! * buf[i]!;
    });
    if (item >= 0 && item < out.length) out[item] = 0;
  }

  /** History position that contributed most to `item` in the highest-weighted explaining component. */
  explain(history: History, item: number): number {
    return this.recommend(history, this.numItems).find((r) => r.item === item)?.because ?? -1;
  }

  /** Weights plus each component's own bytes. */
  save(): Uint8Array {
    const arrays: Record<string, Uint8Array> = {};
    this.models.forEach((m, c) => (arrays[`c${c}`] = m.save()));
    return pack(
      {
        name: this.name,
        weights: this.weights,
        n: this.models.length,
        val: this.validationNdcg,
        itemIds: this.itemIds,
        eventWeights: this.eventWeights,
      },
      arrays,
    );
  }

  /** Restores a pipeline written by {@link save}. */
  static load(bytes: Uint8Array): DefaultPipeline {
    const { meta, arrays } = unpack<{
      weights: number[];
      n: number;
      val: number | null;
      itemIds: string[];
      eventWeights: EventWeights;
    }>(bytes);
    const p = new DefaultPipeline();
    p.weights = meta.weights;
    p.setItems(meta.itemIds, meta.eventWeights);
    p.validationNdcg = meta.val ?? Number.NaN;
    for (let c = 0; c < meta.n; c++) {
      const a = arrays[`c${c}`];
      if (!(a instanceof Uint8Array)) throw new Error(`pipeline bytes lack component ${c}`);
      p.models.push(loadRecommender(a));
    }
    p.allocate(p.numItems);
    return p;
  }

  private allocate(n: number): void {
    this.buffers = this.models.map(() => new Float32Array(n));
    this.mask = new Uint8Array(n);
  }

  /** Each component's scores, scaled so its best unseen item scores 1 (comparable across models). */
  private componentScores(h: History): void {
    for (let p = 0; p < h.items.length; p++) if (h.items[p]! < this.mask.length) this.mask[h.items[p]!] = 1;
    this.models.forEach((m, c) => {
      const buf = this.buffers[c]!;
      if (this.weights[c] === 0) buf.fill(0);
      else {
        m.score(h, buf);
        normalizeUnseen(buf, this.mask);
      }
    });
    for (let p = 0; p < h.items.length; p++) if (h.items[p]! < this.mask.length) this.mask[h.items[p]!] = 0;
  }

  /**
   * Candidate features for the validation users: the union of each component's top candidates, scored
   * as serving scores them (CandidateScorer): components that propose cheap candidates score only the
   * union, each scaled by its best unseen candidate, so a validation user costs candidates, not the
   * catalogue (scoring every item per user per component was most of a training at 100,000 items).
   */
  private blendData(split: Split): BlendData {
    const users = [...split.test.keys()];
    const max = this.opts.maxValidationUsers ?? 5000;
    if (users.length > max) {
      shuffleInPlace(users, seededRandom(this.opts.seed ?? 42));
      users.length = max;
    }
    const nc = this.models.length;
    const perComponent = this.opts.candidatesPerComponent ?? 50;
    const userPtr = new Int32Array(users.length + 1);
    const targets = new Int32Array(users.length);
    const features: number[] = [];
    const relevant: number[] = [];
    const seen = this.mask;
    const n = seen.length;
    const subset = new ItemSubset(n);
    // Per component: its full scores when it has no cheap candidates (normalised), else null.
    const dense = this.models.map((m, c) => (m.candidates && m.scoreSubset ? null : this.buffers[c]!));
    let cols: Float32Array[] = this.models.map(() => new Float32Array(256));
    users.forEach((u, ui) => {
      const h = split.train.history(u);
      const rel = new Set(split.test.get(u));
      targets[ui] = rel.size;
      for (let p = 0; p < h.items.length; p++) if (h.items[p]! < n) seen[h.items[p]!] = 1;
      this.models.forEach((m, c) => {
        const buf = dense[c];
        if (!buf) m.candidates!(h, perComponent, seen, subset);
        else {
          m.score(h, buf);
          normalizeUnseen(buf, seen);
          subset.addAll(topK(buf, perComponent, seen, 0).indices);
        }
      });
      const size = subset.size;
      const items = subset.items;
      if (cols[0]!.length < size) cols = this.models.map(() => new Float32Array(2 * size));
      this.models.forEach((m, c) => {
        const out = cols[c]!;
        const buf = dense[c];
        if (buf) {
          for (let r = 0; r < size; r++) out[r] = buf[items[r]!]!;
          return;
        }
        m.scoreSubset!(h, subset, out);
        // As normalizeUnseen over the catalogue: the component's best unseen item is among its own candidates.
        let best = 0;
        for (let r = 0; r < size; r++) if (!seen[items[r]!] && out[r]! > best) best = out[r]!;
        if (best > 0) for (let r = 0; r < size; r++) out[r]! /= best;
      });
      let found = false;
      let rows = 0;
      for (let r = 0; r < size; r++) if (rel.has(items[r]!) && !seen[items[r]!]) found = true;
      // Users whose targets no component surfaced score 0 under every blend; only their count matters.
      if (found) {
        for (let r = 0; r < size; r++) {
          const item = items[r]!;
          let positive = false;
          for (let c = 0; c < nc; c++) if (cols[c]![r]! > 0) positive = true;
          // As before: a candidate is one some component scores above 0, never a history item.
          if (seen[item] || !positive) continue;
          for (let c = 0; c < nc; c++) features.push(cols[c]![r]!);
          relevant.push(rel.has(item) ? 1 : 0);
          rows++;
        }
      }
      userPtr[ui + 1] = userPtr[ui]! + rows;
      for (let p = 0; p < h.items.length; p++) if (h.items[p]! < n) seen[h.items[p]!] = 0;
      subset.clear();
    });
    return {
      numComponents: nc,
      userPtr,
      features: Float32Array.from(features),
      relevant: Uint8Array.from(relevant),
      targets,
    };
  }
}

/** Divides by the largest score among items not masked (seen), so components share a scale. */
function normalizeUnseen(buf: Float32Array, seenMask: Uint8Array): void {
  let m = 0;
  for (let i = 0; i < buf.length; i++) if (!seenMask[i] && buf[i]! > m) m = buf[i]!;
  if (m <= 0) return;
  const inv = 1 / m;
  for (let i = 0; i < buf.length; i++) buf[i]! *= inv;
}
