/** The one error type the SDK throws and reports: an RFC 9457 problem, or a network failure as status 0. */
import type { Problem, ProblemIssue } from './types.js';

/** An error from Daogou: the server's problem+json, or `status` 0 when the server could not be reached. */
export class DaogouError extends Error {
  /** HTTP status; 0 for a network failure or timeout. */
  readonly status: number;
  /** Problem type URI, e.g. `urn:daogou:problem:validation`. */
  readonly type: string;
  /** Short summary, e.g. `Invalid input`. */
  readonly title: string;
  /** What went wrong, naming the field. */
  readonly detail: string;
  /** Each offending field (and record index in a batch). */
  readonly errors: ProblemIssue[];
  /** The whole problem body. */
  readonly problem: Problem;

  constructor(problem: Problem, options?: { cause?: unknown }) {
    super(problem.detail ? `${problem.title}: ${problem.detail}` : problem.title, options);
    this.name = 'DaogouError';
    this.status = problem.status;
    this.type = problem.type;
    this.title = problem.title;
    this.detail = problem.detail;
    this.errors = problem.errors ?? [];
    this.problem = problem;
  }

  /** Whether trying again later may succeed: network failures, timeouts, rate limits and server errors. */
  get retryable(): boolean {
    return this.status === 0 || this.status === 408 || this.status === 429 || this.status >= 500;
  }
}

/** Wraps anything thrown (a fetch TypeError, an abort) as a status-0 DaogouError. */
export function networkError(cause: unknown): DaogouError {
  const detail = cause instanceof Error ? cause.message : String(cause);
  return new DaogouError({ type: 'about:blank', title: 'Network error', status: 0, detail }, { cause });
}
