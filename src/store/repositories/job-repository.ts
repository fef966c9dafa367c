/** Stores jobs and schedules; claiming is a single atomic statement so two workers never run one job. */
import { randomUUID } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import { decodeBool, decodeJson, encodeBool, encodeJson } from '../codec.js';
import type { Database, JobsTable } from '../database.js';
import type { DialectAdapter } from '../dialects/dialect-adapter.js';

/** Where a job is in its life. */
export type JobStatus = 'queued' | 'running' | 'done' | 'failed' | 'cancelled';

/** The error of a job failed because its worker died on its last attempt. */
export const ABANDONED_ERROR = 'its worker stopped during the last attempt (its lock expired): no attempts left';

/** A job as stored. */
export interface JobRecord {
  id: string;
  name: string;
  payload: unknown;
  status: JobStatus;
  priority: number;
  runAt: number;
  attempts: number;
  maxAttempts: number;
  singletonKey: string | null;
  lockedBy: string | null;
  lockedUntil: number | null;
  progress: number | null;
  message: string | null;
  result: unknown;
  lastError: string | null;
  createdAt: number;
  startedAt: number | null;
  finishedAt: number | null;
}

/** Options when enqueuing. */
export interface EnqueueOptions {
  runAt?: number;
  priority?: number;
  maxAttempts?: number;
  /** While a job with this key is queued or running, enqueuing another returns the existing one. */
  singletonKey?: string;
}

/** A recurring job. */
export interface ScheduleRecord {
  name: string;
  jobName: string;
  payload: unknown;
  everyMs: number;
  nextRunAt: number;
  enabled: boolean;
}

/** Job persistence. */
export class JobRepository {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly adapter: DialectAdapter,
  ) {}

  /** Adds a job (or returns the queued/running one with the same singleton key). */
  async enqueue(name: string, payload: unknown, now: number, options: EnqueueOptions = {}): Promise<JobRecord> {
    if (options.singletonKey !== undefined) {
      const existing = await this.activeBySingleton(options.singletonKey);
      if (existing) return existing;
    }
    const id = randomUUID();
    const inserted = await this.db
      .insertInto('jobs')
      .values({
        id,
        name,
        payload: encodeJson(payload),
        status: 'queued',
        priority: options.priority ?? 0,
        run_at: options.runAt ?? now,
        attempts: 0,
        max_attempts: options.maxAttempts ?? 3,
        singleton_key: options.singletonKey ?? null,
        created_at: now,
        result: null,
      })
      // A concurrent enqueue of the same singleton wins the unique index; then we return its job.
      .onConflict((oc) => oc.doNothing())
      .executeTakeFirst();
    if (Number(inserted.numInsertedOrUpdatedRows ?? 0n) === 0 && options.singletonKey !== undefined) {
      const existing = await this.activeBySingleton(options.singletonKey);
      if (existing) return existing;
    }
    return (await this.get(id))!;
  }

  private async activeBySingleton(key: string): Promise<JobRecord | undefined> {
    const row = await this.db
      .selectFrom('jobs')
      .selectAll()
      .where('singleton_key', '=', key)
      .where('status', 'in', ['queued', 'running'])
      .executeTakeFirst();
    return row && fromRow(row);
  }

  /**
   * Claims the most urgent due job among `names` for a worker, atomically; a running job whose lock
   * expired (its worker died) is claimed again while it has attempts left. The dead worker's attempt counts
   * (attempts grow at the claim): one whose attempts are spent is failed instead, never run again.
   */
  async claim(workerId: string, names: readonly string[], now: number, lockMs: number): Promise<JobRecord | undefined> {
    if (names.length === 0) return undefined;
    await this.failAbandoned(names, now);
    let candidate = this.db
      .selectFrom('jobs')
      .select('id')
      .where('name', 'in', names)
      .where((eb) =>
        eb.or([
          eb.and([eb('status', '=', 'queued'), eb('run_at', '<=', now)]),
          eb.and([
            eb('status', '=', 'running'),
            eb('locked_until', '<', now),
            eb('attempts', '<', eb.ref('max_attempts')),
          ]),
        ]),
      )
      .orderBy('priority', 'desc')
      .orderBy('run_at')
      .limit(1);
    if (this.adapter.skipLocked) candidate = candidate.forUpdate().skipLocked();
    const row = await this.db
      .updateTable('jobs')
      .set((eb) => ({
        status: 'running',
        locked_by: workerId,
        locked_until: now + lockMs,
        attempts: eb('attempts', '+', 1),
        started_at: now,
      }))
      .where('id', '=', (eb) => eb.selectFrom(candidate.as('c')).select('c.id'))
      .returningAll()
      .executeTakeFirst();
    return row && fromRow(row);
  }

  /** Fails the running jobs among `names` whose worker died (lock expired) on their last attempt. */
  private async failAbandoned(names: readonly string[], now: number): Promise<void> {
    await this.db
      .updateTable('jobs')
      .set({
        status: 'failed',
        last_error: ABANDONED_ERROR,
        locked_by: null,
        locked_until: null,
        finished_at: now,
      })
      .where('name', 'in', names)
      .where('status', '=', 'running')
      .where('locked_until', '<', now)
      .where('attempts', '>=', (eb) => eb.ref('max_attempts'))
      .execute();
  }

  /** Extends a running job's lock and records its progress. */
  async heartbeat(
    id: string,
    workerId: string,
    lockedUntil: number,
    progress?: number,
    message?: string,
  ): Promise<void> {
    await this.db
      .updateTable('jobs')
      .set({
        locked_until: lockedUntil,
        ...(progress !== undefined ? { progress } : {}),
        ...(message !== undefined ? { message } : {}),
      })
      .where('id', '=', id)
      .where('locked_by', '=', workerId)
      .execute();
  }

  /** Marks a job done with its result. */
  async complete(id: string, result: unknown, now: number): Promise<void> {
    await this.db
      .updateTable('jobs')
      .set({ status: 'done', result: encodeJson(result ?? null), progress: 1, finished_at: now, locked_until: null })
      .where('id', '=', id)
      .execute();
  }

  /** Stores a result before the job ends, e.g. the details of an error that is about to fail it. */
  async recordResult(id: string, result: unknown): Promise<void> {
    await this.db
      .updateTable('jobs')
      .set({ result: encodeJson(result ?? null) })
      .where('id', '=', id)
      .execute();
  }

  /** Records a failure: back to the queue after `retryAt` while attempts remain, else (or with no `retryAt`) failed. */
  async fail(job: JobRecord, error: string, now: number, retryAt: number | null): Promise<JobStatus> {
    const status: JobStatus = retryAt !== null && job.attempts < job.maxAttempts ? 'queued' : 'failed';
    await this.db
      .updateTable('jobs')
      .set({
        status,
        last_error: error,
        run_at: status === 'queued' && retryAt !== null ? retryAt : job.runAt,
        locked_by: null,
        locked_until: null,
        finished_at: status === 'failed' ? now : null,
      })
      .where('id', '=', job.id)
      .execute();
    return status;
  }

  /** One job. */
  async get(id: string): Promise<JobRecord | undefined> {
    const row = await this.db.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirst();
    return row && fromRow(row);
  }

  /** Recent jobs, newest first, optionally of one name. */
  async recent(limit: number, name?: string): Promise<JobRecord[]> {
    let query = this.db.selectFrom('jobs').selectAll().orderBy('created_at', 'desc').limit(limit);
    if (name !== undefined) query = query.where('name', '=', name);
    return (await query.execute()).map(fromRow);
  }

  /** Creates or updates a schedule; keeps its next run when only the payload changes. */
  async upsertSchedule(schedule: ScheduleRecord): Promise<void> {
    await this.db
      .insertInto('job_schedules')
      .values({
        name: schedule.name,
        job_name: schedule.jobName,
        payload: encodeJson(schedule.payload),
        every_ms: schedule.everyMs,
        next_run_at: schedule.nextRunAt,
        enabled: encodeBool(schedule.enabled),
      })
      .onConflict((oc) =>
        oc.column('name').doUpdateSet({
          job_name: schedule.jobName,
          payload: encodeJson(schedule.payload),
          every_ms: schedule.everyMs,
          enabled: encodeBool(schedule.enabled),
        }),
      )
      .execute();
  }

  /** Schedules that are due. */
  async dueSchedules(now: number): Promise<ScheduleRecord[]> {
    const rows = await this.db.selectFrom('job_schedules').selectAll().where('next_run_at', '<=', now).execute();
    return rows
      .map((r) => ({
        name: r.name,
        jobName: r.job_name,
        payload: decodeJson(r.payload, null),
        everyMs: Number(r.every_ms),
        nextRunAt: Number(r.next_run_at),
        enabled: decodeBool(r.enabled),
      }))
      .filter((s) => s.enabled);
  }

  /** Moves a schedule's next run from `from` to `to`; false when another worker already did (so only one enqueues). */
  async advanceSchedule(name: string, from: number, to: number): Promise<boolean> {
    const result = await this.db
      .updateTable('job_schedules')
      .set({ next_run_at: to })
      .where('name', '=', name)
      .where('next_run_at', '=', from)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  /** Deletes finished jobs older than a time. */
  async prune(before: number): Promise<number> {
    const result = await this.db
      .deleteFrom('jobs')
      .where('status', 'in', ['done', 'failed', 'cancelled'])
      .where('finished_at', '<', before)
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}

function fromRow(row: Selectable<JobsTable>): JobRecord {
  return {
    id: row.id,
    name: row.name,
    payload: decodeJson(row.payload, null),
    status: row.status as JobStatus,
    priority: row.priority,
    runAt: Number(row.run_at),
    attempts: row.attempts,
    maxAttempts: row.max_attempts,
    singletonKey: row.singleton_key,
    lockedBy: row.locked_by,
    lockedUntil: row.locked_until === null ? null : Number(row.locked_until),
    progress: row.progress,
    message: row.message,
    result: decodeJson(row.result, null),
    lastError: row.last_error,
    createdAt: Number(row.created_at),
    startedAt: row.started_at === null ? null : Number(row.started_at),
    finishedAt: row.finished_at === null ? null : Number(row.finished_at),
  };
}
