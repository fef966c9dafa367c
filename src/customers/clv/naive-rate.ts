/** The naive purchase forecast every CLV model must beat: each customer keeps their past repeat rate. */

/** Expected purchases in the next t units if a customer repeats at x purchases per T units (0 when T = 0). */
export function naiveRepeatRate(x: number, T: number, t: number): number {
  return T > 0 ? (x / T) * t : 0;
}
