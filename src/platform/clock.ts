/** The source of "now", injectable so tests can fix time. */
export type Clock = () => number;

/** The system clock, epoch ms. */
export const systemClock: Clock = () => Date.now();
