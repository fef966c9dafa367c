/**
 * Which table holds what about a person, and how erasure cleans it. Every table of the schema must be
 * registered (a test lists the database's tables on both engines and fails on any that is not), so a
 * capability adding a table says at once how its rows are erased, or why they hold nothing personal:
 *
 *   privacy.registry.deleteRows('journey_state', { customer: 'customer_id', anonymous: 'anonymous_id' });
 *   privacy.registry.custom('experiment_exposures', (repos, subject) => …);
 *   privacy.registry.noPersonalData('forecasts', 'per-SKU demand; no customer ids');
 */
import type { Repositories } from '../store/store.js';

/** Who is being erased: the customer, the anonymous ids merged into them, and their random stand-in. */
export interface ErasureSubject {
  customerId: string;
  anonymousIds: readonly string[];
  /** Random, unlinkable id that anonymised rows carry instead (`erased-<uuid>`). */
  standIn: string;
}

/** Erases one table's rows about a subject inside the erasure's transaction; returns the rows affected. */
export type TableEraser = (repos: Repositories, subject: ErasureSubject) => Promise<number>;

/** How a table is covered. */
export type TableCoverage = { personal: true; erase: TableEraser } | { personal: false; reason: string };

/** The registry of tables and how erasure covers each. */
export class ErasureRegistry {
  private readonly tables = new Map<string, TableCoverage>();

  /** Registers a table whose rows are deleted where a column names the customer or one of their anonymous ids. */
  deleteRows(table: string, columns: { customer?: string; anonymous?: string }): void {
    this.custom(table, async (repos, subject) => {
      let n = 0;
      if (columns.customer !== undefined)
        n += await repos.erasure.deleteWhereIn(table, columns.customer, [subject.customerId]);
      if (columns.anonymous !== undefined && subject.anonymousIds.length > 0)
        n += await repos.erasure.deleteWhereIn(table, columns.anonymous, subject.anonymousIds);
      return n;
    });
  }

  /** Registers a table with its own eraser. */
  custom(table: string, erase: TableEraser): void {
    this.add(table, { personal: true, erase });
  }

  /** Registers a table that holds nothing about any one person, saying why. */
  noPersonalData(table: string, reason: string): void {
    this.add(table, { personal: false, reason });
  }

  /** The registered table names. */
  tableNames(): string[] {
    return [...this.tables.keys()];
  }

  /** Runs every personal table's eraser; returns rows affected per table. */
  async eraseAll(repos: Repositories, subject: ErasureSubject): Promise<Record<string, number>> {
    const counts: Record<string, number> = {};
    for (const [table, coverage] of this.tables) {
      if (coverage.personal) counts[table] = await coverage.erase(repos, subject);
    }
    return counts;
  }

  private add(table: string, coverage: TableCoverage): void {
    if (this.tables.has(table)) throw new Error(`table "${table}" is already registered for erasure`);
    this.tables.set(table, coverage);
  }
}
