/** Stores image features per catalogue image (embedding, colours, pattern, perceptual hash). */
import type { Kysely } from 'kysely';
import { chunked, decodeJson, encodeJson } from '../codec.js';
import type { Database } from '../database.js';

/** Features of one image of an item; `embedding` is null when the image could not be read (`error` says why). */
export interface StoredImageFeatures<C = unknown, P = unknown> {
  itemId: string;
  imageUrl: string;
  model: string;
  embedding: Float32Array | null;
  colours: C[];
  pattern: P | null;
  phash: string | null;
  error: string | null;
  computedAt: number;
}

/** Image feature persistence. */
export class ImageFeatureRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /** Replaces every stored image of the item with `features` (call inside a transaction). */
  async replaceForItem(itemId: string, features: readonly StoredImageFeatures[]): Promise<void> {
    await this.db.deleteFrom('item_image_features').where('item_id', '=', itemId).execute();
    if (features.length === 0) return;
    await this.db
      .insertInto('item_image_features')
      .values(
        features.map((f) => ({
          item_id: itemId,
          image_url: f.imageUrl,
          model: f.model,
          embedding: f.embedding
            ? Buffer.from(f.embedding.buffer, f.embedding.byteOffset, f.embedding.byteLength)
            : null,
          colours: encodeJson(f.colours),
          pattern: f.pattern === null ? null : encodeJson(f.pattern),
          phash: f.phash,
          error: f.error,
          computed_at: f.computedAt,
        })),
      )
      .execute();
  }

  /** The stored images of one item. */
  async forItem(itemId: string): Promise<StoredImageFeatures[]> {
    const rows = await this.db
      .selectFrom('item_image_features')
      .selectAll()
      .where('item_id', '=', itemId)
      .orderBy('image_url')
      .execute();
    return rows.map(fromRow);
  }

  /** Stored images of several items. */
  async forItems(itemIds: readonly string[]): Promise<StoredImageFeatures[]> {
    const out: StoredImageFeatures[] = [];
    for (const chunk of chunked(itemIds, 500)) {
      if (chunk.length === 0) continue;
      const rows = await this.db.selectFrom('item_image_features').selectAll().where('item_id', 'in', chunk).execute();
      out.push(...rows.map(fromRow));
    }
    return out;
  }

  /** Every image with features from `model`, in item order (what the in-memory index is built from). */
  async listWithEmbeddings(model: string): Promise<StoredImageFeatures[]> {
    const rows = await this.db
      .selectFrom('item_image_features')
      .selectAll()
      .where('model', '=', model)
      .where('embedding', 'is not', null)
      .orderBy('item_id')
      .orderBy('image_url')
      .execute();
    return rows.map(fromRow);
  }

  /**
   * One vector per item (its first stored image's, by URL) from the model that computed features last: what
   * the recommendation blend's "looks similar" model reads without knowing which image model is configured
   * (after a model change the sweep recomputes every image, and until then the new model's cover fewer items).
   */
  async latestItemEmbeddings(): Promise<Map<string, Float32Array>> {
    const latest = await this.db
      .selectFrom('item_image_features')
      .select('model')
      .where('embedding', 'is not', null)
      .orderBy('computed_at', 'desc')
      .limit(1)
      .executeTakeFirst();
    const out = new Map<string, Float32Array>();
    if (!latest) return out;
    const rows = await this.db
      .selectFrom('item_image_features')
      .select(['item_id', 'embedding'])
      .where('model', '=', latest.model)
      .where('embedding', 'is not', null)
      .orderBy('item_id')
      .orderBy('image_url')
      .execute();
    for (const r of rows) if (!out.has(r.item_id)) out.set(r.item_id, vector(r.embedding!));
    return out;
  }

  /** Perceptual hashes of every readable image, for near-duplicate detection. */
  async listHashes(): Promise<{ itemId: string; imageUrl: string; phash: string }[]> {
    const rows = await this.db
      .selectFrom('item_image_features')
      .select(['item_id', 'image_url', 'phash'])
      .where('phash', 'is not', null)
      .orderBy('item_id')
      .orderBy('image_url')
      .execute();
    return rows.map((r) => ({ itemId: r.item_id, imageUrl: r.image_url, phash: r.phash! }));
  }

  /** How many images are stored, and how many of them could not be read. */
  async counts(): Promise<{ images: number; failed: number; items: number }> {
    const row = await this.db
      .selectFrom('item_image_features')
      .select((eb) => [
        eb.fn.countAll<number | string>().as('images'),
        eb.fn.count<number | string>('error').as('failed'),
        eb.fn.count<number | string>('item_id').distinct().as('items'),
      ])
      .executeTakeFirstOrThrow();
    return { images: Number(row.images), failed: Number(row.failed), items: Number(row.items) };
  }
}

function fromRow(row: {
  item_id: string;
  image_url: string;
  model: string;
  embedding: Uint8Array | null;
  colours: unknown;
  pattern: unknown;
  phash: string | null;
  error: string | null;
  computed_at: number | string;
}): StoredImageFeatures {
  return {
    itemId: row.item_id,
    imageUrl: row.image_url,
    model: row.model,
    embedding: row.embedding ? vector(row.embedding) : null,
    colours: decodeJson<unknown[]>(row.colours, []),
    pattern: decodeJson<unknown>(row.pattern, null),
    phash: row.phash,
    error: row.error,
    computedAt: Number(row.computed_at),
  };
}

/** A stored vector's bytes as float32, copied so it is aligned and owns its memory whatever buffer the driver handed back. */
function vector(stored: Uint8Array): Float32Array {
  const bytes = Uint8Array.from(stored);
  return new Float32Array(bytes.buffer, 0, bytes.byteLength / 4);
}
