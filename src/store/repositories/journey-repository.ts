/** Stores journeys with every version of their definition, and message templates. */
import type { Kysely, Selectable } from 'kysely';
import { decodeJson, encodeJson } from '../codec.js';
import type { Database, JourneysTable } from '../database.js';

/** A journey as stored: the current version's definition as the caller sent it. */
export interface JourneyRecord {
  id: string;
  name: string;
  status: 'draft' | 'active' | 'paused' | 'archived';
  version: number;
  definition: Record<string, unknown>;
  createdAt: number;
  updatedAt: number;
}

/** A stored message template. */
export interface TemplateRecord {
  id: string;
  name: string;
  channel: string;
  content: Record<string, unknown>;
  createdAt: number;
  updatedAt: number;
}

/** Journey and template persistence. */
export class JourneyRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /** Inserts a journey and its first version. */
  async insert(journey: JourneyRecord): Promise<void> {
    await this.db.insertInto('journeys').values(toRow(journey)).execute();
    await this.addVersion(journey.id, journey.version, journey.definition, journey.updatedAt);
  }

  /** Writes a journey's current state; a new version number also stores that version. */
  async update(journey: JourneyRecord, newVersion: boolean): Promise<void> {
    const { id: _id, created_at: _c, ...row } = toRow(journey);
    await this.db.updateTable('journeys').set(row).where('id', '=', journey.id).execute();
    if (newVersion) await this.addVersion(journey.id, journey.version, journey.definition, journey.updatedAt);
  }

  private async addVersion(id: string, version: number, definition: unknown, at: number): Promise<void> {
    await this.db
      .insertInto('journey_versions')
      .values({ journey_id: id, version, definition: encodeJson(definition), created_at: at })
      .execute();
  }

  /** One journey. */
  async get(id: string): Promise<JourneyRecord | undefined> {
    const row = await this.db.selectFrom('journeys').selectAll().where('id', '=', id).executeTakeFirst();
    return row && fromRow(row);
  }

  /** One journey by name. */
  async getByName(name: string): Promise<JourneyRecord | undefined> {
    const row = await this.db.selectFrom('journeys').selectAll().where('name', '=', name).executeTakeFirst();
    return row && fromRow(row);
  }

  /** Every journey (optionally of some statuses), by name. */
  async list(statuses?: readonly string[]): Promise<JourneyRecord[]> {
    let query = this.db.selectFrom('journeys').selectAll().orderBy('name');
    if (statuses) query = query.where('status', 'in', [...statuses]);
    return (await query.execute()).map(fromRow);
  }

  /** The definition of one version. */
  async version(id: string, version: number): Promise<Record<string, unknown> | undefined> {
    const row = await this.db
      .selectFrom('journey_versions')
      .select('definition')
      .where('journey_id', '=', id)
      .where('version', '=', version)
      .executeTakeFirst();
    return row && decodeJson<Record<string, unknown>>(row.definition, {});
  }

  /** Inserts or replaces a template. */
  async upsertTemplate(t: TemplateRecord): Promise<void> {
    await this.db
      .insertInto('journey_templates')
      .values({
        id: t.id,
        name: t.name,
        channel: t.channel,
        content: encodeJson(t.content),
        created_at: t.createdAt,
        updated_at: t.updatedAt,
      })
      .onConflict((oc) =>
        oc
          .column('id')
          .doUpdateSet({ name: t.name, channel: t.channel, content: encodeJson(t.content), updated_at: t.updatedAt }),
      )
      .execute();
  }

  /** A template by id or name. */
  async template(idOrName: string): Promise<TemplateRecord | undefined> {
    const row = await this.db
      .selectFrom('journey_templates')
      .selectAll()
      .where((eb) => eb.or([eb('id', '=', idOrName), eb('name', '=', idOrName)]))
      .executeTakeFirst();
    return (
      row && {
        id: row.id,
        name: row.name,
        channel: row.channel,
        content: decodeJson<Record<string, unknown>>(row.content, {}),
        createdAt: Number(row.created_at),
        updatedAt: Number(row.updated_at),
      }
    );
  }

  /** Every template, by name. */
  async templates(): Promise<TemplateRecord[]> {
    const rows = await this.db.selectFrom('journey_templates').selectAll().orderBy('name').execute();
    return rows.map((row) => ({
      id: row.id,
      name: row.name,
      channel: row.channel,
      content: decodeJson<Record<string, unknown>>(row.content, {}),
      createdAt: Number(row.created_at),
      updatedAt: Number(row.updated_at),
    }));
  }

  /** Deletes a template; false when there was none. */
  async deleteTemplate(id: string): Promise<boolean> {
    const r = await this.db.deleteFrom('journey_templates').where('id', '=', id).executeTakeFirst();
    return Number(r.numDeletedRows) > 0;
  }
}

function toRow(j: JourneyRecord) {
  return {
    id: j.id,
    name: j.name,
    status: j.status,
    version: j.version,
    definition: encodeJson(j.definition),
    created_at: j.createdAt,
    updated_at: j.updatedAt,
  };
}

function fromRow(row: Selectable<JourneysTable>): JourneyRecord {
  return {
    id: row.id,
    name: row.name,
    status: row.status as JourneyRecord['status'],
    version: row.version,
    definition: decodeJson<Record<string, unknown>>(row.definition, {}),
    createdAt: Number(row.created_at),
    updatedAt: Number(row.updated_at),
  };
}
