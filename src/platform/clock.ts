/** The source of "now", injectable so tests can fix time. */
export type Clock = () => number;

/** The system clock, epoch ms. */
export const systemClock: Clock = () => Date.now();

/**
 * A clock that reads `start` at the moment it is made and then advances with the wall clock: "now" is
 * fixed where it matters (windows such as "the last 30 days", fixtures' dates) while durations, lock
 * expiries and polls still see time pass.
 */
export function clockStartingAt(start: number, wall: Clock = systemClock): Clock {
  const offset = start - wall();
  return () => wall() + offset;
}

/** The engine's clock for a configured start (`DAOGOU_NOW`): the system clock when none is set. */
export function configuredClock(now: number | null): Clock {
  return now === null ? systemClock : clockStartingAt(now);
}
