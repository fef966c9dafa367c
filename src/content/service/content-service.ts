/**
 * Copy for catalogue items: variants on request (built-in grammar, or a configured LLM under the same
 * grounding check), a check of edited text, drafts saved per item for a person to accept or reject (never
 * written onto the item by themselves), and bulk runs over the catalogue (a job) that save drafts.
 */
import { randomUUID } from 'node:crypto';
import { NotFoundError, ValidationError } from '../../domain/index.js';
import type { Clock, ItemService } from '../../platform/index.js';
import type { Store } from '../../store/store.js';
import type { ContentDraftQuery, StoredContentDraft } from '../../store/repositories/content-draft-repository.js';
import type {
  ContentItem,
  ContentKind,
  ContentLength,
  ContentLocale,
  ContentTone,
  ReviewFacts,
} from '../content-types.js';
import { itemFacts, type ContentFacts } from '../facts/item-facts.js';
import { generateCopy, type CopyResult } from '../generate/generate-copy.js';
import { writeWithModel, type CopyWriter } from '../generate/write-with-model.js';
import { checkGrounding, type GroundingReport } from '../grounding/check-grounding.js';
import { GroundingVocabulary } from '../grounding/grounding-vocabulary.js';

/** Reads what an item's reviews praise (the engine fills it from the review summaries). */
export type ReviewFactsSource = (itemId: string) => Promise<ReviewFacts | undefined>;

/** Which writer a request wants: `auto` is the LLM when one is configured, else the grammar. */
export type WriterChoice = 'auto' | 'builtin' | 'llm';

/** The item a request is about: a stored item by id, or facts sent with the request. */
export type ItemRef = { itemId: string } | { item: ContentItem; reviews?: ReviewFacts };

/** A request for copy. */
export type GenerateRequest = ItemRef & {
  kinds: ContentKind[];
  locale: ContentLocale;
  tone: ContentTone;
  length: ContentLength;
  variants: number;
  seed: number;
  writer?: WriterChoice;
};

/** Copy for one item, per kind. */
export interface GenerateResponse {
  itemId: string | null;
  locale: ContentLocale;
  tone: ContentTone;
  length: ContentLength;
  seed: number;
  /** Who wrote: the grammar, or the LLM (`llmError` says why it fell back, if it did). */
  writer: { requested: WriterChoice; llm: boolean; llmError: string | null };
  results: CopyResult[];
}

/** A bulk run's settings (the job's payload). */
export interface BulkRequest {
  /** Items to write for; empty or absent: every active item. */
  itemIds?: string[];
  kinds: ContentKind[];
  locale: ContentLocale;
  tone: ContentTone;
  length: ContentLength;
  variants: number;
  seed: number;
}

/** What a bulk run did. */
export interface BulkResult {
  items: number;
  drafts: number;
  /** Candidates the check refused (none are saved). */
  rejected: number;
  /** Item ids asked for that do not exist. */
  missing: string[];
}

/** A text to save as a draft for an item. */
export interface DraftInput {
  itemId: string;
  kind: ContentKind;
  locale: ContentLocale;
  tone: ContentTone;
  length: ContentLength;
  text: string;
  source?: 'builtin' | 'llm' | 'edited';
}

/** Copy generation, checking and drafts. */
export class ContentService {
  private vocabularyCache: Promise<GroundingVocabulary> | null = null;

  constructor(
    private readonly store: Store,
    private readonly items: ItemService,
    private readonly reviewFacts: ReviewFactsSource,
    private readonly clock: Clock,
    private readonly llm: CopyWriter | null = null,
  ) {}

  /** Whether an LLM is configured. */
  get llmConfigured(): boolean {
    return this.llm !== null;
  }

  /** Drops the cached catalogue vocabulary (the catalogue changed). */
  itemsChanged(): void {
    this.vocabularyCache = null;
  }

  /** The same, when an item is deleted. */
  itemDeleted(): void {
    this.vocabularyCache = null;
  }

  /** The catalogue's attribute values, brands and tags, built once per catalogue change. */
  vocabulary(): Promise<GroundingVocabulary> {
    this.vocabularyCache ??= (async () => {
      const all: ContentItem[] = [];
      for await (const item of this.store.items.all()) all.push(item);
      return GroundingVocabulary.fromCatalogue(all);
    })();
    return this.vocabularyCache;
  }

  /** The facts of the item a request names, in a locale. */
  async facts(ref: ItemRef, locale: ContentLocale): Promise<ContentFacts> {
    if ('itemId' in ref) {
      const item = await this.items.get(ref.itemId);
      return itemFacts(item, locale, await this.reviewFacts(item.id));
    }
    return itemFacts(ref.item, locale, ref.reviews);
  }

  /** Variants of each kind asked for. */
  async generate(request: GenerateRequest): Promise<GenerateResponse> {
    const requested = request.writer ?? 'auto';
    if (requested === 'llm' && !this.llm) {
      throw new ValidationError([{ field: 'writer', message: 'no LLM is configured (DAOGOU_CONTENT_LLM_URL)' }]);
    }
    const facts = await this.facts(request, request.locale);
    const vocabulary = await this.vocabulary();
    const useLlm = requested !== 'builtin' && this.llm !== null;
    const results: CopyResult[] = [];
    let llmError: string | null = null;
    for (const kind of request.kinds) {
      const o = { kind, tone: request.tone, length: request.length, variants: request.variants, seed: request.seed };
      if (useLlm && this.llm) {
        const written = await writeWithModel(this.llm, facts, o, vocabulary);
        llmError ??= written.writerError;
        const { writerError: _unused, ...result } = written;
        results.push(result);
      } else results.push(generateCopy(facts, o, vocabulary));
    }
    return {
      itemId: facts.itemId,
      locale: request.locale,
      tone: request.tone,
      length: request.length,
      seed: request.seed,
      writer: { requested, llm: useLlm, llmError },
      results,
    };
  }

  /** Checks a text (e.g. one a person edited) against an item's facts. */
  async check(ref: ItemRef, locale: ContentLocale, text: string): Promise<GroundingReport> {
    return checkGrounding(text, await this.facts(ref, locale), await this.vocabulary());
  }

  /** Saves a text as a pending draft for the item after checking it again; refuses an ungrounded text. */
  async saveDraft(input: DraftInput): Promise<StoredContentDraft> {
    const grounding = await this.check({ itemId: input.itemId }, input.locale, input.text);
    if (!grounding.grounded) {
      throw new ValidationError(
        grounding.problems.map((message) => ({ field: 'text', message })),
        `the text states what the item's facts do not back: ${grounding.problems.join('; ')}`,
      );
    }
    const draft: StoredContentDraft = {
      id: randomUUID(),
      itemId: input.itemId,
      kind: input.kind,
      locale: input.locale,
      tone: input.tone,
      length: input.length,
      text: input.text,
      source: input.source ?? 'builtin',
      grounding,
      status: 'pending',
      jobId: null,
      createdAt: this.clock(),
      decidedAt: null,
    };
    await this.store.contentDrafts.insert([draft]);
    return draft;
  }

  /** Drafts matching the filters, newest first. */
  drafts(query: ContentDraftQuery): Promise<StoredContentDraft[]> {
    return this.store.contentDrafts.list(query);
  }

  /** Accepts or rejects a pending draft; the item itself is not changed. */
  async decide(id: string, status: 'accepted' | 'rejected'): Promise<StoredContentDraft> {
    const draft = await this.store.contentDrafts.get(id);
    if (!draft) throw new NotFoundError(`content draft "${id}" does not exist`);
    if (!(await this.store.contentDrafts.decide(id, status, this.clock()))) {
      throw new ValidationError([{ field: 'id', message: `draft "${id}" is already ${draft.status}` }]);
    }
    return { ...draft, status, decidedAt: this.clock() };
  }

  /** Writes drafts for many items (run as a job: off the serving thread), reporting progress per item. */
  async bulk(
    request: BulkRequest,
    jobId: string | null,
    onProgress?: (done: number, total: number) => void,
  ): Promise<BulkResult> {
    const wanted = request.itemIds && request.itemIds.length > 0 ? request.itemIds : null;
    const targets: ContentItem[] = [];
    const missing: string[] = [];
    if (wanted) {
      const found = await this.store.items.getMany(wanted);
      for (const id of wanted) {
        const item = found.get(id);
        if (item) targets.push(item);
        else missing.push(id);
      }
    } else {
      for await (const item of this.store.items.all()) if (item.active) targets.push(item);
    }
    const vocabulary = await this.vocabulary();
    let drafts = 0;
    let rejected = 0;
    const batch: StoredContentDraft[] = [];
    const flush = async () => {
      await this.store.contentDrafts.insert(batch.splice(0));
    };
    for (const [i, item] of targets.entries()) {
      const facts = itemFacts(item, request.locale, await this.reviewFacts(item.id!));
      for (const kind of request.kinds) {
        const o = { kind, tone: request.tone, length: request.length, variants: request.variants, seed: request.seed };
        const result = generateCopy(facts, o, vocabulary);
        rejected += result.rejected;
        for (const v of result.variants) {
          batch.push({
            id: randomUUID(),
            itemId: item.id!,
            kind,
            locale: request.locale,
            tone: request.tone,
            length: request.length,
            text: v.text,
            source: v.source,
            grounding: v.grounding,
            status: 'pending',
            jobId,
            createdAt: this.clock(),
            decidedAt: null,
          });
          drafts++;
        }
      }
      if (batch.length >= 500) await flush();
      onProgress?.(i + 1, targets.length);
    }
    await flush();
    return { items: targets.length, drafts, rejected, missing };
  }
}
