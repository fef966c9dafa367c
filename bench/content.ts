/**
 * Content benchmark: (1) grounding — 1,000 texts over the demo catalogue (every kind, tone, length, both
 * languages, a fixed seed), counting the candidates the built-in grammar wrote that the check refused;
 * (2) speed — descriptions per second on the main thread without an LLM (write + grounding check),
 * against the grammar alone (no check) in the same run. Medians over runs; the load average is stated.
 * `npm run bench -- content [--runs 5] [--texts 1000]`
 */
import os from 'node:os';
import {
  CONTENT_KINDS,
  CONTENT_LENGTHS,
  CONTENT_TONES,
  generateCopy,
  GroundingVocabulary,
  itemFacts,
  type ContentFacts,
} from '../src/content/index.js';
import { composeCopy } from '../src/content/generate/compose-copy.js';
import { variantRandom } from '../src/content/generate/seeded.js';
import { demoContent } from '../src/content/demo-content.test-data.js';
import { median, writeReport, type BenchRow } from './report.js';

function arg(args: string[], name: string, fallback: number): number {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
}

/** Runs the benchmark. */
export default async function run(args: string[]): Promise<void> {
  const runs = arg(args, 'runs', 5);
  const wanted = arg(args, 'texts', 1000);
  const load = () => os.loadavg().map((x) => Number(x.toFixed(2)));
  const loadBefore = load();
  const demo = demoContent();
  const vocabulary = GroundingVocabulary.fromCatalogue(demo.items);

  // Grounding: reviewed items first (their copy carries review claims), then the rest of the catalogue.
  const reviewed = demo.items.filter((i) => demo.reviews.has(i.id!));
  const pool = [...reviewed, ...demo.items.filter((i) => !demo.reviews.has(i.id!))];
  let candidates = 0;
  let rejected = 0;
  let texts = 0;
  let reviewClaims = 0;
  const problems: string[][] = [];
  for (let i = 0; texts < wanted; i++) {
    const item = pool[i % pool.length]!;
    const facts = itemFacts(item, i % 2 === 0 ? 'zh' : 'en', demo.reviews.get(item.id!));
    const r = generateCopy(
      facts,
      {
        kind: CONTENT_KINDS[i % CONTENT_KINDS.length]!,
        tone: CONTENT_TONES[Math.floor(i / CONTENT_KINDS.length) % CONTENT_TONES.length]!,
        length: CONTENT_LENGTHS[i % CONTENT_LENGTHS.length]!,
        variants: 1,
        seed: 2026,
      },
      vocabulary,
    );
    candidates += r.candidates;
    rejected += r.rejected;
    problems.push(...r.rejections);
    texts += r.variants.length;
    reviewClaims += r.variants.filter((v) => v.grounding.mentions.some((m) => m.source.startsWith('reviews.'))).length;
  }

  // Speed: one description per item over the catalogue, alternating languages.
  const facts: ContentFacts[] = demo.items.map((item, i) =>
    itemFacts(item, i % 2 === 0 ? 'zh' : 'en', demo.reviews.get(item.id!)),
  );
  const options = { kind: 'description', tone: 'friendly', length: 'medium', variants: 1 } as const;
  const rate = (fn: (f: ContentFacts, seed: number) => number): number[] => {
    const rates: number[] = [];
    fn(facts[0]!, -1); // warm-up outside the timing
    for (let r = 0; r < runs; r++) {
      const t = performance.now();
      let made = 0;
      for (const f of facts) made += fn(f, r);
      rates.push(made / ((performance.now() - t) / 1000));
    }
    return rates;
  };
  const checked = rate((f, seed) => generateCopy(f, { ...options, seed }, vocabulary).variants.length);
  const grammarOnly = rate((f, seed) =>
    composeCopy(variantRandom([seed, f.itemId ?? '', 'description']), f, options) === null ? 0 : 1,
  );
  const rows: BenchRow[] = [
    {
      measure: 'grounding: texts generated (all kinds/tones/lengths, zh+en)',
      value: texts,
    },
    { measure: 'grounding: candidates written by the grammar', value: candidates },
    { measure: 'grounding: candidates refused by the check', value: rejected },
    {
      measure: 'grounding: pass rate of candidates',
      value: `${((100 * (candidates - rejected)) / candidates).toFixed(2)}%`,
    },
    { measure: 'grounding: texts carrying a review claim with its count', value: reviewClaims },
    { measure: 'speed: descriptions/s, write + grounding check (median)', value: Math.round(median(checked)) },
    {
      measure: 'speed: descriptions/s, grammar alone, no check (baseline, median)',
      value: Math.round(median(grammarOnly)),
    },
    {
      measure: 'speed: cost of the check (baseline ÷ checked)',
      value: Number((median(grammarOnly) / median(checked)).toFixed(2)),
    },
  ];
  writeReport('content', rows, {
    items: demo.items.length,
    itemsWithReviews: demo.reviews.size,
    vocabularyTerms: vocabulary.size,
    runs,
    checkedRates: checked.map(Math.round),
    grammarOnlyRates: grammarOnly.map(Math.round),
    problems: problems.slice(0, 10),
    loadAverage: { before: loadBefore, after: load() },
    threads: 1,
  });
  console.log(`load average before ${loadBefore.join(' ')}, after ${load().join(' ')} (${os.cpus().length} cores)`);
}
