/** Stores generated copy saved for items (drafts) and the decisions on them (a pending draft is decided once). */
import type { Kysely } from 'kysely';
import { decodeJson, encodeJson } from '../codec.js';
import type { ContentDraftsTable, Database } from '../database.js';
import { decidePending } from './decide-pending.js';

/** Where a draft stands. */
export type ContentDraftStatus = 'pending' | 'accepted' | 'rejected';

/** A stored draft; `grounding` is the report it passed with. */
export interface StoredContentDraft {
  id: string;
  itemId: string;
  kind: string;
  locale: string;
  tone: string;
  length: string;
  text: string;
  source: string;
  grounding: unknown;
  status: ContentDraftStatus;
  jobId: string | null;
  createdAt: number;
  decidedAt: number | null;
}

/** Filters for {@link ContentDraftRepository.list}. */
export interface ContentDraftQuery {
  itemId?: string;
  status?: ContentDraftStatus;
  kind?: string;
  jobId?: string;
  limit?: number;
  offset?: number;
}

/** Draft persistence. */
export class ContentDraftRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /** Adds drafts (call inside a transaction for a batch). */
  async insert(drafts: readonly StoredContentDraft[]): Promise<void> {
    if (drafts.length === 0) return;
    await this.db
      .insertInto('content_drafts')
      .values(
        drafts.map((d) => ({
          id: d.id,
          item_id: d.itemId,
          kind: d.kind,
          locale: d.locale,
          tone: d.tone,
          length: d.length,
          text: d.text,
          source: d.source,
          grounding: encodeJson(d.grounding),
          status: d.status,
          job_id: d.jobId,
          created_at: d.createdAt,
          decided_at: d.decidedAt,
        })),
      )
      .execute();
  }

  /** One draft. */
  async get(id: string): Promise<StoredContentDraft | undefined> {
    const row = await this.db.selectFrom('content_drafts').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? fromRow(row) : undefined;
  }

  /** Drafts matching the filters, newest first. */
  async list(query: ContentDraftQuery = {}): Promise<StoredContentDraft[]> {
    let q = this.db.selectFrom('content_drafts').selectAll();
    if (query.itemId !== undefined) q = q.where('item_id', '=', query.itemId);
    if (query.status !== undefined) q = q.where('status', '=', query.status);
    if (query.kind !== undefined) q = q.where('kind', '=', query.kind);
    if (query.jobId !== undefined) q = q.where('job_id', '=', query.jobId);
    const rows = await q
      .orderBy('created_at', 'desc')
      .orderBy('id')
      .limit(query.limit ?? 100)
      .offset(query.offset ?? 0)
      .execute();
    return rows.map(fromRow);
  }

  /** Decides a pending draft; false when it is not pending (decided already or unknown). */
  async decide(id: string, status: 'accepted' | 'rejected', at: number): Promise<boolean> {
    return decidePending(this.db, 'content_drafts', id, status, at);
  }
}

type Row = Omit<ContentDraftsTable, 'grounding' | 'created_at' | 'decided_at'> & {
  grounding: unknown;
  created_at: number | string;
  decided_at: number | string | null;
};

function fromRow(row: Row): StoredContentDraft {
  return {
    id: row.id,
    itemId: row.item_id,
    kind: row.kind,
    locale: row.locale,
    tone: row.tone,
    length: row.length,
    text: row.text,
    source: row.source,
    grounding: decodeJson<unknown>(row.grounding, {}),
    status: row.status as ContentDraftStatus,
    jobId: row.job_id,
    createdAt: Number(row.created_at),
    decidedAt: row.decided_at === null ? null : Number(row.decided_at),
  };
}
