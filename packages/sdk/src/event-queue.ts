/** Batches events and delivers them: on size, on an interval, on demand and when the page is hidden. */
import { DaogouError, networkError } from './errors.js';
import type { EventInput } from './types.js';

/** What the queue reports when a batch could not be delivered. */
export interface DeliveryFailure {
  /** The events concerned. */
  events: readonly EventInput[];
  /** True when the events were dropped (the server refused them); false when they are kept to retry later. */
  dropped: boolean;
}

/** Called for every failed delivery. */
export type ErrorHandler = (error: DaogouError, failure: DeliveryFailure) => void;

/** Events persisted across page loads, so those a closing page could not send go out on the next one. */
export interface Outbox {
  load(): EventInput[];
  save(events: readonly EventInput[]): void;
  remove(ids: ReadonlySet<string>): void;
}

/** How the queue sends and waits (injected so tests control the network and the clock). */
export interface EventQueueOptions {
  send(events: EventInput[], keepalive: boolean): Promise<unknown>;
  batchSize: number;
  flushIntervalMs: number;
  /** Retries of a batch after a network error, 408, 429 or 5xx before keeping it for the next flush. */
  maxRetries: number;
  /** Oldest events are dropped beyond this many, so an offline shop cannot grow without bound. */
  maxQueueSize: number;
  onError: ErrorHandler;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  outbox?: Outbox;
}

// Browsers cap the bodies of all keepalive requests in flight at 64 KiB together.
const KEEPALIVE_BYTES = 60_000;
const BACKOFF_BASE_MS = 500;
const BACKOFF_MAX_MS = 30_000;

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** The retry delay after `attempt` failures: exponential with jitter, so many tabs do not retry in step. */
export function backoffDelay(attempt: number, random: () => number = Math.random): number {
  const ceiling = Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** attempt);
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

const ids = (events: readonly EventInput[]) => new Set(events.map((e) => e.id ?? ''));

/** The event queue. */
export class EventQueue {
  private events: EventInput[] = [];
  private inflight: EventInput[] = [];
  private chain: Promise<void> = Promise.resolve();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(private readonly options: EventQueueOptions) {
    this.sleep = options.sleep ?? defaultSleep;
  }

  /** Events waiting to be sent. */
  get size(): number {
    return this.events.length;
  }

  /** Adds events; a full batch is sent at once, otherwise within the flush interval. */
  enqueue(...events: EventInput[]): void {
    this.events.push(...events);
    const overflow = this.events.length - this.options.maxQueueSize;
    if (overflow > 0) {
      const dropped = this.events.splice(0, overflow);
      this.options.onError(
        new DaogouError({
          type: 'about:blank',
          title: 'Queue full',
          status: 0,
          detail: `${overflow} oldest events dropped: more than ${this.options.maxQueueSize} waiting`,
        }),
        { events: dropped, dropped: true },
      );
    }
    if (this.events.length >= this.options.batchSize) void this.flush();
    else this.schedule();
  }

  /** Sends everything queued; resolves when it is delivered, dropped or kept after the retries ran out. */
  flush(): Promise<void> {
    this.chain = this.chain.then(() => this.drain());
    return this.chain;
  }

  /** Drops everything queued (consent withdrawn). */
  clear(): void {
    this.events = [];
    this.cancelTimer();
  }

  /** Stops the interval timer; queued events stay until the next flush. */
  stop(): void {
    this.cancelTimer();
  }

  /** Re-queues the events a previous page could not send (their ids make a resend harmless). */
  restore(): void {
    const saved = this.options.outbox?.load() ?? [];
    if (saved.length === 0) return;
    this.options.outbox?.remove(ids(saved));
    this.enqueue(...saved);
  }

  /**
   * The page is being hidden and may never come back: send what is queued with `keepalive` (fetch's
   * successor to sendBeacon, which cannot carry the Authorization header) and save it, together with the
   * batch in flight, to the outbox; whatever is confirmed is removed from the outbox again.
   */
  flushOnHide(): void {
    this.cancelTimer();
    const pending = this.events;
    if (pending.length === 0 && this.inflight.length === 0) return;
    this.events = [];
    const outbox = this.options.outbox;
    outbox?.save([...this.inflight, ...pending]);
    let bytes = 0;
    for (let start = 0; start < pending.length;) {
      const batch: EventInput[] = [];
      let size = 0;
      while (start < pending.length && batch.length < this.options.batchSize) {
        const length = JSON.stringify(pending[start]).length + 1;
        if (bytes + size + length > KEEPALIVE_BYTES) break;
        batch.push(pending[start++]!);
        size += length;
      }
      // Events over the keepalive budget stay in the outbox (or, without one, in the queue) for later.
      if (batch.length === 0) {
        if (!outbox) this.events.push(...pending.slice(start));
        break;
      }
      bytes += size;
      this.options.send(batch, true).then(
        () => outbox?.remove(ids(batch)),
        () => {
          // The page is still alive if this runs: deliver them the ordinary way.
          outbox?.remove(ids(batch));
          this.enqueue(...batch);
        },
      );
    }
  }

  private async drain(): Promise<void> {
    this.cancelTimer();
    while (this.events.length > 0) {
      const batch = this.events.splice(0, this.options.batchSize);
      this.inflight = batch;
      const delivered = await this.deliver(batch);
      this.inflight = [];
      if (!delivered) {
        // The server is unreachable: keep the batch in front and try again on the next interval.
        this.events.unshift(...batch);
        break;
      }
      this.options.outbox?.remove(ids(batch));
    }
    this.schedule();
  }

  /** Sends one batch with retries; false when it is kept for later, true when delivered or dropped. */
  private async deliver(initial: EventInput[]): Promise<boolean> {
    let batch = initial;
    for (let attempt = 0; ;) {
      let error: DaogouError;
      try {
        await this.options.send(batch, false);
        return true;
      } catch (thrown) {
        error = thrown instanceof DaogouError ? thrown : networkError(thrown);
      }
      if (error.retryable) {
        if (attempt >= this.options.maxRetries) {
          this.options.onError(error, { events: batch, dropped: false });
          return false;
        }
        await this.sleep(backoffDelay(attempt++, this.options.random));
        continue;
      }
      // A batch with one invalid event stores nothing: drop the events the server named, resend the rest.
      const bad = new Set(error.errors.map((issue) => issue.index).filter((i) => i !== undefined));
      const rest = batch.filter((_, i) => !bad.has(i));
      if (bad.size > 0 && rest.length > 0 && rest.length < batch.length) {
        this.options.onError(error, { events: batch.filter((_, i) => bad.has(i)), dropped: true });
        batch = rest;
        continue;
      }
      this.options.onError(error, { events: batch, dropped: true });
      return true;
    }
  }

  private schedule(): void {
    if (this.timer !== undefined || this.events.length === 0) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.flush();
    }, this.options.flushIntervalMs);
    // In Node, a pending flush must not keep the process alive; close() sends what is left.
    (this.timer as { unref?: () => void }).unref?.();
  }

  private cancelTimer(): void {
    if (this.timer === undefined) return;
    clearTimeout(this.timer);
    this.timer = undefined;
  }
}
