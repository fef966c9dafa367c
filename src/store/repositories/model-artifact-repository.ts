/** Stores and reads trained model artifacts (bytes plus metrics), newest per kind first. */
import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import { decodeJson, encodeJson } from '../codec.js';
import type { Database } from '../database.js';
import type { DialectName } from '../dialects/dialect-adapter.js';

/** A stored artifact's header (everything but the bytes). */
export interface ModelArtifactInfo {
  id: string;
  kind: string;
  metrics: Record<string, unknown>;
  /** Log position the model was trained up to. */
  eventSeq: number;
  trainedAt: number;
}

/** A stored artifact with its bytes. */
export interface ModelArtifact extends ModelArtifactInfo {
  bytes: Uint8Array;
}

/** How many artifacts of a kind are kept; older ones are deleted when a new one is saved. */
const KEEP_PER_KIND = 3;

/**
 * Bytes read per query. PostgreSQL sends bytea as hex text: a 170 MB model (100,000 items) read whole
 * was a 340 MB string plus the parser's 512 MB buffer (an API process peaked at 1.79 GB), and a model
 * over ~268 MB would pass V8's longest string and could not be read at all. Each slice's hex is joined and
 * decoded in one turn of the serving thread's event loop: at 16 MiB that was its longest hold while an API
 * process loaded a 73 MB model (~250 ms under load), so slices are 4 MiB.
 */
const READ_CHUNK = 4 * 1024 * 1024;

/** Model artifact persistence. */
export class ModelArtifactRepository {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly dialect: DialectName = 'sqlite',
  ) {}

  /** Stores an artifact and prunes all but the newest few of its kind. */
  async save(artifact: ModelArtifact): Promise<void> {
    await this.db
      .insertInto('model_artifacts')
      .values({
        id: artifact.id,
        kind: artifact.kind,
        bytes: Buffer.from(artifact.bytes.buffer, artifact.bytes.byteOffset, artifact.bytes.byteLength),
        metrics: encodeJson(artifact.metrics),
        event_seq: artifact.eventSeq,
        trained_at: artifact.trainedAt,
      })
      .execute();
    const keep = await this.db
      .selectFrom('model_artifacts')
      .select('id')
      .where('kind', '=', artifact.kind)
      .orderBy('trained_at', 'desc')
      .orderBy('id', 'desc')
      .limit(KEEP_PER_KIND)
      .execute();
    await this.db
      .deleteFrom('model_artifacts')
      .where('kind', '=', artifact.kind)
      .where(
        'id',
        'not in',
        keep.map((r) => r.id),
      )
      .execute();
  }

  /** The newest artifact's header of a kind (cheap: no bytes), for polling. */
  /** The ids of every stored artifact of a kind. */
  async ids(kind: string): Promise<string[]> {
    const rows = await this.db.selectFrom('model_artifacts').select('id').where('kind', '=', kind).execute();
    return rows.map((r) => r.id);
  }

  /** Replaces an artifact's bytes in place (erasure rewrites a model without a person's rows). */
  async replaceBytes(id: string, bytes: Uint8Array): Promise<void> {
    await this.db
      .updateTable('model_artifacts')
      .set({ bytes: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) })
      .where('id', '=', id)
      .execute();
  }

  async latestInfo(kind: string): Promise<ModelArtifactInfo | undefined> {
    const row = await this.db
      .selectFrom('model_artifacts')
      .select(['id', 'kind', 'metrics', 'event_seq', 'trained_at'])
      .where('kind', '=', kind)
      .orderBy('trained_at', 'desc')
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirst();
    return row ? infoFrom(row) : undefined;
  }

  /** One artifact with its bytes, read in slices into one aligned array (see READ_CHUNK). */
  async get(id: string): Promise<ModelArtifact | undefined> {
    return this.db.transaction().execute(async (trx) => {
      // One snapshot for every slice: an erasure rewriting the bytes meanwhile must not tear the read.
      if (this.dialect === 'postgres') await sql`set transaction isolation level repeatable read`.execute(trx);
      const row = await trx
        .selectFrom('model_artifacts')
        .select(['id', 'kind', 'metrics', 'event_seq', 'trained_at', sql<number>`length(bytes)`.as('size')])
        .where('id', '=', id)
        .executeTakeFirst();
      if (!row) return undefined;
      const size = Number(row.size);
      const bytes = new Uint8Array(size);
      for (let offset = 0; offset < size; offset += READ_CHUNK) {
        const part = await trx
          .selectFrom('model_artifacts')
          .select(sql<Uint8Array>`substr(bytes, ${offset + 1}, ${READ_CHUNK})`.as('part'))
          .where('id', '=', id)
          .executeTakeFirstOrThrow();
        bytes.set(part.part, offset);
      }
      return { ...infoFrom(row), bytes };
    });
  }
}

function infoFrom(row: {
  id: string;
  kind: string;
  metrics: unknown;
  event_seq: number;
  trained_at: number;
}): ModelArtifactInfo {
  return {
    id: row.id,
    kind: row.kind,
    metrics: decodeJson(row.metrics, {}),
    eventSeq: Number(row.event_seq),
    trainedAt: Number(row.trained_at),
  };
}
