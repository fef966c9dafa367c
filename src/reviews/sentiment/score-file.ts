/** Scores a file of texts, one per line, into a file of `{"label","score"}` JSON lines in the same order. */
import { createReadStream, createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import type { SentimentModel } from './sentiment-model.js';

const readLines = (input: string) =>
  createInterface({ input: createReadStream(input, { encoding: 'utf8' }), crlfDelay: Infinity });

/** Streams `input` through the model into `output`; returns how many lines were scored. */
export async function scoreFile(
  model: SentimentModel,
  input: string,
  output: string,
  onProgress?: (done: number) => void,
): Promise<number> {
  const out = createWriteStream(output, { encoding: 'utf8' });
  let done = 0;
  let batch = '';
  for await (const line of readLines(input)) {
    const { label, score } = model.classify(line);
    batch += `{"label":"${label}","score":${Number(score.toFixed(6))}}\n`;
    if (++done % 2000 === 0) {
      if (!out.write(batch)) await once(out, 'drain');
      batch = '';
      onProgress?.(done);
    }
  }
  out.end(batch);
  await once(out, 'finish');
  return done;
}

/**
 * The non-empty lines of a file, or an evenly spaced sample of at most `max` of them (every line while they
 * fit, then every 2nd, 4th, … as the file goes on), so a file of any length is read in bounded memory and the
 * same file always gives the same sample.
 */
export async function sampleLines(input: string, max: number): Promise<string[]> {
  let kept: string[] = [];
  let stride = 1;
  let seen = 0;
  for await (const line of readLines(input)) {
    if (line.trim().length === 0) continue;
    if (seen++ % stride !== 0) continue;
    kept.push(line);
    if (kept.length >= 2 * max) {
      kept = kept.filter((_, k) => k % 2 === 0);
      stride *= 2;
    }
  }
  return kept.length > max ? kept.filter((_, k) => k % 2 === 0) : kept;
}
