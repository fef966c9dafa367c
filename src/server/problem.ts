/** RFC 9457 problem details: the one shape every error response takes. */
import type { FieldIssue } from '../domain/index.js';

/** A problem details body. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  /** For validation problems: each offending record (index in a batch) and field. */
  errors?: FieldIssue[];
}

/** The media type of problem details. */
export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/** The type URI of a problem kind. */
export function problemType(kind: string): string {
  return `urn:daogou:problem:${kind}`;
}
