/**
 * Vision over the catalogue: features of every item image (computed by a job, stored), search by photo,
 * similar-looking items, near-duplicate groups and attribute suggestions that a person accepts or rejects.
 */
import { randomUUID } from 'node:crypto';
import { ConflictError, NotFoundError, UnavailableError, ValidationError } from '../../domain/index.js';
import type { Clock } from '../../platform/clock.js';
import type { ItemService } from '../../platform/item-service.js';
import type {
  AttributeSuggestionQuery,
  StoredAttributeSuggestion,
} from '../../store/repositories/attribute-suggestion-repository.js';
import type { ItemRecord } from '../../store/repositories/item-repository.js';
import type { StoredImageFeatures } from '../../store/repositories/image-feature-repository.js';
import type { Store } from '../../store/store.js';
import { suggestAttributes, type SuggestionEvidence } from '../attribute-suggestions.js';
import type { DominantColour } from '../colour/dominant-colours.js';
import { nearDuplicateGroups } from '../near-duplicates.js';
import type { PatternFeatures } from '../pattern.js';
import { VisualIndex, type VisualMatch } from '../visual-index.js';
import { analyseImage, type ImageAnalysis } from './analyse-image.js';
import { buildIvfIndex } from './ivf-build-thread.js';
import { fetchImage, ImageFetchError } from './fetch-image.js';
import { ImageModel } from './image-model.js';

/** Options for {@link VisionService}. */
export interface VisionOptions {
  /** ONNX model file (a .json spec beside it); default the shipped clothing model. */
  modelPath?: string | null;
  /** Base URL for images given as `/path` (the store's public URL). */
  imageBaseUrl?: string | null;
  /** Images analysed per item (the first ones: they lead the product page). */
  maxImagesPerItem?: number;
  /** Reads an image's bytes (default: over http(s), bounded). */
  readImage?: (url: string) => Promise<Uint8Array>;
  /**
   * How often, at most, a search checks whether another process (the worker) has indexed since this
   * process loaded its index, ms (default 1000; 0 checks on every search).
   */
  refreshMs?: number;
}

/**
 * Meta key bumped (to a fresh id) after every indexing pass that stored features: processes that serve
 * photo search compare it with the one their in-memory index was built at, as search compares snapshot ids.
 */
export const VISION_INDEX_VERSION_KEY = 'vision.index.version';

/** What an indexing pass did. */
export interface VisionIndexSummary {
  items: number;
  images: number;
  failed: number;
  suggestions: number;
}

/** A group of items whose images are near-identical. */
export interface DuplicateItemGroup {
  maxDistance: number;
  images: { itemId: string; imageUrl: string }[];
}

/** What a photo search read from the photo, besides the matches. */
export interface PhotoSearchResult {
  matches: VisualMatch[];
  categories: { label: string; probability: number }[];
  colours: DominantColour[];
  pattern: PatternFeatures;
}

/** Items whose stored features are missing or from another model, and so need (re)indexing. */
function needsIndexing(item: ItemRecord, stored: readonly StoredImageFeatures[], model: string, max: number): boolean {
  const wanted = item.images.slice(0, max);
  if (wanted.length !== stored.length) return true;
  const byUrl = new Map(stored.map((s) => [s.imageUrl, s]));
  return wanted.some((url) => byUrl.get(url)?.model !== model);
}

/** The vision service. */
export class VisionService {
  private modelPromise: Promise<ImageModel> | null = null;
  private indexPromise: Promise<VisualIndex> | null = null;
  /** The version key's value when the in-memory index was read (undefined: never indexed). */
  private indexVersion: string | undefined;
  private checkedAt = Number.NEGATIVE_INFINITY;
  private syncing: Promise<boolean> | null = null;

  constructor(
    private readonly store: Store,
    private readonly items: ItemService,
    private readonly clock: Clock,
    private readonly options: VisionOptions = {},
  ) {}

  /** The image model (loaded on first use). */
  model(): Promise<ImageModel> {
    this.modelPromise ??= (this.options.modelPath ? ImageModel.load(this.options.modelPath) : ImageModel.load()).catch(
      (error: unknown) => {
        this.modelPromise = null;
        throw error;
      },
    );
    return this.modelPromise;
  }

  /**
   * Computes and stores features (and fresh suggestions) for items whose images have none from the current
   * model — all such items, or only `itemIds`; `force` recomputes them all.
   */
  async index(
    options: { itemIds?: readonly string[]; force?: boolean; onProgress?: (done: number, total: number) => void } = {},
  ): Promise<VisionIndexSummary> {
    const model = await this.model();
    const max = this.options.maxImagesPerItem ?? 4;
    const candidates = options.itemIds
      ? [...(await this.store.items.getMany(options.itemIds)).values()]
      : await this.allItems();
    const stored = groupByItem(await this.store.imageFeatures.forItems(candidates.map((c) => c.id)));
    const todo = candidates.filter(
      (item) => options.force || needsIndexing(item, stored.get(item.id) ?? [], model.name, max),
    );
    const summary: VisionIndexSummary = { items: 0, images: 0, failed: 0, suggestions: 0 };
    for (const [n, item] of todo.entries()) {
      const features: StoredImageFeatures[] = [];
      const evidence: SuggestionEvidence[] = [];
      for (const url of item.images.slice(0, max)) {
        const now = this.clock();
        try {
          const analysis = await analyseImage(model, await this.readImage(url), url);
          features.push(toStored(item.id, url, model.name, analysis, now));
          evidence.push(analysis);
        } catch (error) {
          if (!(error instanceof ImageFetchError || error instanceof ValidationError)) throw error;
          summary.failed++;
          features.push(failed(item.id, url, model.name, error.message, now));
        }
      }
      const suggestions = suggestAttributes(item, evidence).map((s): StoredAttributeSuggestion => ({
        id: randomUUID(),
        itemId: item.id,
        field: s.field,
        value: s.value,
        confidence: s.confidence,
        source: `vision:${model.name}`,
        status: 'pending',
        body: s.detail,
        createdAt: this.clock(),
        decidedAt: null,
      }));
      summary.suggestions += await this.store.transaction(async (repos) => {
        await repos.imageFeatures.replaceForItem(item.id, features);
        return repos.attributeSuggestions.replacePendingForItem(item.id, suggestions, this.clock());
      });
      summary.items++;
      summary.images += features.length;
      options.onProgress?.(n + 1, todo.length);
    }
    if (summary.items > 0) {
      // Other processes (the API when the worker runs apart, or the thread beside it) reload on their next check.
      await this.store.meta.set(VISION_INDEX_VERSION_KEY, randomUUID(), this.clock());
      this.indexPromise = null;
    }
    return summary;
  }

  /** Items that look like the photo, and what was read from it. */
  async searchByPhoto(bytes: Uint8Array, k: number): Promise<PhotoSearchResult> {
    const model = await this.model();
    const analysis = await analyseImage(model, bytes, 'image');
    const index = await this.visualIndex();
    return {
      matches: index.search(analysis.embedding, k),
      categories: analysis.categories.slice(0, 3),
      colours: analysis.colours,
      pattern: analysis.pattern,
    };
  }

  /** Items that look like an item (its images' nearest neighbours, the item itself left out). */
  async similarItems(itemId: string, k: number): Promise<VisualMatch[]> {
    const index = await this.visualIndex();
    const own = index.embeddingsOf(itemId);
    if (own.length === 0) {
      await this.items.get(itemId); // 404 for an unknown item
      throw new ConflictError(`item "${itemId}" has no analysed image yet (the vision index job computes them)`);
    }
    const best = new Map<string, VisualMatch>();
    for (const e of own)
      for (const m of index.search(e, k, itemId))
        if ((best.get(m.itemId)?.score ?? -Infinity) < m.score) best.set(m.itemId, m);
    return [...best.values()].sort((a, b) => b.score - a.score || a.itemId.localeCompare(b.itemId)).slice(0, k);
  }

  /** The stored image vectors of every item (for the "looks similar" recommender). */
  async itemEmbeddings(): Promise<Map<string, Float32Array>> {
    const out = new Map<string, Float32Array>();
    const model = await this.model();
    // The first image leads the product page, so it stands for the item.
    for (const f of await this.store.imageFeatures.listWithEmbeddings(model.name))
      if (f.embedding && !out.has(f.itemId)) out.set(f.itemId, f.embedding);
    return out;
  }

  /** Groups of near-identical images across the catalogue (perceptual hashes within `maxDistance` bits). */
  async duplicates(maxDistance = 6): Promise<DuplicateItemGroup[]> {
    const hashes = await this.store.imageFeatures.listHashes();
    return nearDuplicateGroups(
      hashes.map((h) => h.phash),
      maxDistance,
    )
      .map((g) => ({
        maxDistance: g.maxDistance,
        images: g.members.map((m) => ({ itemId: hashes[m]!.itemId, imageUrl: hashes[m]!.imageUrl })),
      }))
      .filter((g) => new Set(g.images.map((i) => i.itemId)).size > 1);
  }

  /** The stored features of an item's images. */
  async featuresOf(itemId: string): Promise<StoredImageFeatures[]> {
    await this.items.get(itemId);
    return this.store.imageFeatures.forItem(itemId);
  }

  /** Counts for the console: images analysed, failed, items, pending suggestions. */
  async status(): Promise<{ model: string; images: number; failed: number; items: number }> {
    const model = await this.model();
    return { model: model.name, ...(await this.store.imageFeatures.counts()) };
  }

  /** Attribute suggestions (default: pending), most confident first. */
  suggestions(query: AttributeSuggestionQuery = {}): Promise<StoredAttributeSuggestion[]> {
    return this.store.attributeSuggestions.list(query);
  }

  /** Accepts (writing the value to the item) or rejects a pending suggestion. */
  async decide(id: string, decision: 'accepted' | 'rejected'): Promise<StoredAttributeSuggestion> {
    const suggestion = await this.store.attributeSuggestions.get(id);
    if (!suggestion) throw new NotFoundError(`attribute suggestion ${id} not found`);
    if (suggestion.status !== 'pending')
      throw new ConflictError(`attribute suggestion ${id} is already ${suggestion.status}`);
    if (!(await this.store.attributeSuggestions.decide(id, decision, this.clock())))
      throw new ConflictError(`attribute suggestion ${id} was decided meanwhile`);
    if (decision === 'accepted') {
      await this.items.patch(
        suggestion.itemId,
        suggestion.field === 'category'
          ? { category: suggestion.value }
          : { attributes: { [suggestion.field]: suggestion.value } },
      );
    }
    return (await this.store.attributeSuggestions.get(id))!;
  }

  private readImage(url: string): Promise<Uint8Array> {
    return this.options.readImage
      ? this.options.readImage(url)
      : fetchImage(url, { baseUrl: this.options.imageBaseUrl ?? null });
  }

  private async allItems(): Promise<ItemRecord[]> {
    const out: ItemRecord[] = [];
    for (let after: string | undefined; ;) {
      const page = await this.store.items.list({ limit: 1000, ...(after === undefined ? {} : { after }) });
      out.push(...page.filter((i) => i.images.length > 0));
      if (page.length < 1000) return out;
      after = page[page.length - 1]!.id;
    }
  }

  private async visualIndex(): Promise<VisualIndex> {
    // A loaded index keeps serving while a newer one (indexed by another process) is read in the background.
    if (this.indexPromise && this.clock() - this.checkedAt >= (this.options.refreshMs ?? 1000))
      void this.sync().catch(() => undefined);
    this.indexPromise ??= this.loadIndex().catch((error: unknown) => {
      this.indexPromise = null;
      throw error;
    });
    const pending = this.indexPromise;
    const index = await pending;
    if (index.size === 0) {
      // Not kept: the next search reads again, and finds what the worker has analysed by then.
      if (this.indexPromise === pending) this.indexPromise = null;
      throw new UnavailableError(
        'no catalogue image has been analysed yet: run the vision index job (POST /v1/vision/index)',
      );
    }
    return index;
  }

  /**
   * Reloads the in-memory index when another process has indexed since it was read (the version key moved);
   * true when it did. Searches call it at most every `refreshMs`; until the new index is read, the old serves.
   */
  sync(): Promise<boolean> {
    this.syncing ??= (async () => {
      this.checkedAt = this.clock();
      if (!this.indexPromise) return false; // nothing loaded: the next search reads the newest
      const current = this.indexPromise;
      await current.catch(() => undefined);
      const version = await this.store.meta.get(VISION_INDEX_VERSION_KEY);
      if (version === this.indexVersion || this.indexPromise !== current) return false;
      const next = await this.loadIndex();
      // A local indexing pass that dropped the index meanwhile wins: the next search reads it afresh.
      if (this.indexPromise === current) this.indexPromise = Promise.resolve(next);
      return true;
    })().finally(() => (this.syncing = null));
    return this.syncing;
  }

  /** Reads every stored embedding of the current model into an index, noting the version it was read at. */
  private async loadIndex(): Promise<VisualIndex> {
    const model = await this.model();
    // Read before the features: a pass that lands in between moves the key again, so it is not missed.
    const version = await this.store.meta.get(VISION_INDEX_VERSION_KEY);
    const stored = await this.store.imageFeatures.listWithEmbeddings(model.name);
    const { kept, dim, vectors } = VisualIndex.vectorsOf(
      stored.map((s) => ({ itemId: s.itemId, imageUrl: s.imageUrl, embedding: s.embedding! })),
    );
    // k-means over a large catalogue takes tens of seconds: built on another thread, never this one.
    const index = VisualIndex.withIndex(kept, dim, kept.length > 0 ? await buildIvfIndex(vectors, dim) : null);
    this.indexVersion = version;
    return index;
  }
}

function groupByItem(features: readonly StoredImageFeatures[]): Map<string, StoredImageFeatures[]> {
  const out = new Map<string, StoredImageFeatures[]>();
  for (const f of features) {
    const list = out.get(f.itemId) ?? [];
    list.push(f);
    out.set(f.itemId, list);
  }
  return out;
}

function toStored(itemId: string, imageUrl: string, model: string, a: ImageAnalysis, now: number): StoredImageFeatures {
  return {
    itemId,
    imageUrl,
    model,
    embedding: a.embedding,
    colours: a.colours,
    pattern: a.pattern,
    phash: a.phash,
    error: null,
    computedAt: now,
  };
}

function failed(itemId: string, imageUrl: string, model: string, error: string, now: number): StoredImageFeatures {
  return { itemId, imageUrl, model, embedding: null, colours: [], pattern: null, phash: null, error, computedAt: now };
}
