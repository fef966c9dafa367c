/**
 * A token bucket for a provider's rate limit, as pure arithmetic over a stored state: `rate` tokens a second
 * refill up to a burst of one second's worth; a take gets what is there, and says when the rest will be.
 */

/** A bucket's stored state: tokens left at a time (epoch ms). */
export interface BucketState {
  tokens: number;
  at: number;
}

/** What a take of `want` tokens got, the state to store, and when the first token not granted will be there. */
export interface BucketTake {
  granted: number;
  state: BucketState;
  /** Epoch ms when the `granted + 1`-th wanted token is available (equal to `now` when all were granted). */
  nextAt: number;
}

/** Takes up to `want` whole tokens at `now` from a bucket refilled at `rate` per second (burst: max(1, rate)). */
export function takeTokens(state: BucketState | null, rate: number, want: number, now: number): BucketTake {
  const burst = Math.max(1, rate);
  const elapsed = state ? Math.max(0, now - state.at) : Infinity;
  const tokens = Math.min(burst, (state?.tokens ?? burst) + (elapsed * rate) / 1000);
  const granted = Math.max(0, Math.min(want, Math.floor(tokens)));
  const left = tokens - granted;
  const nextAt = granted < want ? now + Math.ceil(((1 - left) * 1000) / rate) : now;
  return { granted, state: { tokens: left, at: now }, nextAt };
}

/** When the n-th message deferred behind a bucket may go (n from 0): spread at the rate, from `nextAt`. */
export function deferredAt(nextAt: number, rate: number, n: number): number {
  return nextAt + Math.floor((n * 1000) / rate);
}
