/**
 * S3-Rec's sequence format (`user item item …`, one line per user in time order), read the same way by
 * the importer (`s3rec-amazon` adapter) and by offline evaluation (`parseSequences`).
 */

/**
 * Seconds between consecutive events of a sequence: the files keep order but no times, so each
 * position is one second after the one before (the spacing the published evaluation figures use).
 */
export const S3REC_STEP_SECONDS = 1;

/** A sequence line split into its user and items (oldest first), or null for a blank line. */
export function parseSequenceLine(text: string): { user: string; items: string[] } | null {
  const [user, ...items] = text.trim().split(/\s+/).filter(Boolean);
  return user ? { user, items } : null;
}
