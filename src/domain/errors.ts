/**
 * The errors table: every failure a caller can see, as a typed error that the edges (HTTP, CLI)
 * map to RFC 9457 problem details or a CLI message with a non-zero exit.
 */

/** One problem with one input field; `index` is the record's position in a batch, `line` its line in a file. */
export interface FieldIssue {
  field: string;
  message: string;
  index?: number;
  line?: number;
}

/** The base of all errors Daogou reports to callers. */
export abstract class DaogouError extends Error {
  /** HTTP status the edge maps this to. */
  abstract readonly status: number;
  /** A short, stable kind, used as the problem type suffix. */
  abstract readonly kind: string;
  /** A human title for the kind. */
  abstract readonly title: string;
}

/** Input that fails validation; lists every offending record and field. */
export class ValidationError extends DaogouError {
  readonly status = 400;
  readonly kind = 'validation';
  readonly title = 'Invalid input';
  constructor(
    readonly issues: FieldIssue[],
    message?: string,
  ) {
    super(message ?? describeIssues(issues));
  }
}

/** A referenced thing does not exist. */
export class NotFoundError extends DaogouError {
  readonly status = 404;
  readonly kind = 'not-found';
  readonly title = 'Not found';
}

/** The caller has no valid credentials. */
export class UnauthorizedError extends DaogouError {
  readonly status = 401;
  readonly kind = 'unauthorized';
  readonly title = 'Unauthorized';
}

/** The caller's key may not do this. */
export class ForbiddenError extends DaogouError {
  readonly status = 403;
  readonly kind = 'forbidden';
  readonly title = 'Forbidden';
}

/** The request conflicts with the current state. */
export class ConflictError extends DaogouError {
  readonly status = 409;
  readonly kind = 'conflict';
  readonly title = 'Conflict';
}

/** An uploaded body is larger than allowed. */
export class PayloadTooLargeError extends DaogouError {
  readonly status = 413;
  readonly kind = 'body-too-large';
  readonly title = 'Request body too large';
}

/** The system is not ready to do this (e.g. no model trained yet). */
export class UnavailableError extends DaogouError {
  readonly status = 503;
  readonly kind = 'unavailable';
  readonly title = 'Service unavailable';
}

/** The database cannot be reached or is restarting; the request may be sent again shortly. */
export class StorageUnavailableError extends DaogouError {
  readonly status = 503;
  readonly kind = 'storage-unavailable';
  readonly title = 'Database unavailable';
}

/** The database's disk is full (or a file reached its size limit); nothing of the request was stored. */
export class StorageFullError extends DaogouError {
  readonly status = 507;
  readonly kind = 'storage-full';
  readonly title = 'Insufficient storage';
}

/** One line summarising issues: `events[3].quantity: must be >= 0; …`. */
export function describeIssues(issues: FieldIssue[], max = 5): string {
  const parts = issues.slice(0, max).map((i) => {
    const where = i.line !== undefined ? `line ${i.line}: ` : i.index !== undefined ? `[${i.index}].` : '';
    return `${where}${i.field}: ${i.message}`;
  });
  const more = issues.length > max ? ` (and ${issues.length - max} more)` : '';
  return parts.join('; ') + more;
}
