/** All customer analytics benchmarks: quality on CDNOW and France, then speed on synthetic data. */
import quality from './customers-quality.js';
import speed from './customers-speed.js';

/** `npm run bench -- customers [--customers N --events N]`. */
export default async function customers(args: string[]): Promise<void> {
  await quality();
  await speed(args);
}
