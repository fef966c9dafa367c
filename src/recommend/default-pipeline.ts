/** The default recommender: several models blended with weights chosen on a validation hold-out. */
import { seededRandom, shuffleInPlace } from '../math/dense.js';
import { pack, unpack } from '../math/pack.js';
import { topK } from '../math/top-k.js';
import type { BlendData } from './blend-search.js';
import { searchBlendWeights } from './blend-search.js';
import { defaultComponents } from './default-components.js';
import type { ComponentSpec, DefaultComponentOptions } from './default-components.js';
import { leaveLastOut, stratifiedSplit } from './evaluate/splits.js';
import type { Split } from './evaluate/splits.js';
import { DEFAULT_EVENT_WEIGHTS, eventCode, eventWeight } from './event-weights.js';
import type { EventWeights } from './event-weights.js';
import type { History } from './history.js';
import type { InteractionLog } from './interaction-log.js';
import type { Recommender } from './recommender.js';
import { loadRecommender } from './registry.js';

/** Options for {@link DefaultPipeline}. */
export interface PipelineOptions extends DefaultComponentOptions {
  /** Models to blend; defaults depend on the catalogue size (see defaultComponents). */
  components?: ComponentSpec[];
  /** How weights are chosen: hold out each user's last event, a random 20% per user, or not at all. */
  validation?: 'last' | 'random' | 'none';
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
}

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

  /** Chooses weights on a hold-out of `log`, then refits every component on all of it. */
  fit(log: InteractionLog): void {
    const choice = this.chooseWeights(log);
    this.fitComponents(log);
    this.useWeights(choice);
  }

  /**
   * The blend weights for `log`: fitted on a hold-out of it and searched for the best validation NDCG@10, or
   * the components' defaults without validation. Independent of {@link fitComponents}, so the two can run
   * on two threads.
   */
  chooseWeights(log: InteractionLog): BlendChoice {
    const mode = this.opts.validation ?? 'last';
    const specs = this.specs(log);
    const defaults = { weights: specs.map((s) => s.weight), validationNdcg: null };
    if (mode === 'none' || specs.length <= 1) return defaults;
    const progress = this.opts.onProgress ?? (() => {});
    const split = mode === 'last' ? leaveLastOut(log, 0) : stratifiedSplit(log, 0.8, this.opts.seed ?? 42, 'user');
    // A pipeline of its own, so this one's fitted components are not touched.
    const validation = new DefaultPipeline(this.opts);
    validation.weights = defaults.weights;
    validation.models = specs.map((s) => s.create());
    for (const m of validation.models) {
      progress(`validation fit: ${m.name}`);
      m.fit(split.train);
    }
    validation.allocate(log.numItems);
    progress('choosing blend weights');
    const found = searchBlendWeights(validation.blendData(split), defaults.weights);
    return { weights: found.weights, validationNdcg: found.ndcg };
  }

  /** Fits every component on all of `log` (weights stay as they are until {@link useWeights}). */
  fitComponents(log: InteractionLog): void {
    const specs = this.specs(log);
    const progress = this.opts.onProgress ?? (() => {});
    if (this.weights.length !== specs.length) this.weights = specs.map((s) => s.weight);
    this.models = specs.map((s) => s.create());
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
  }

  /** The components for `log`: given, or chosen by catalogue size (the same on every thread). */
  private specs(log: InteractionLog): ComponentSpec[] {
    const sequential = this.opts.sequential ?? (this.opts.validation ?? 'last') !== 'random';
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

  /** Candidate features for the validation users: the union of each component's top candidates. */
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
    const all = this.weights.map(() => 1);
    const saved = this.weights;
    this.weights = all;
    users.forEach((u, ui) => {
      const h = split.train.history(u);
      const rel = new Set(split.test.get(u));
      targets[ui] = rel.size;
      this.componentScores(h);
      const seen = new Set<number>();
      for (let p = 0; p < h.items.length; p++) seen.add(h.items[p]!);
      const cands = new Set<number>();
      for (const buf of this.buffers) for (const i of topK(buf, perComponent, seen, 0).indices) cands.add(i);
      let found = false;
      for (const i of cands) if (rel.has(i)) found = true;
      // Users whose targets no component surfaced score 0 under every blend; only their count matters.
      if (found) {
        for (const i of cands) {
          for (let c = 0; c < nc; c++) features.push(this.buffers[c]![i]!);
          relevant.push(rel.has(i) ? 1 : 0);
        }
      }
      userPtr[ui + 1] = userPtr[ui]! + (found ? cands.size : 0);
    });
    this.weights = saved;
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
