/** Scores a file of texts, one per line, into a file of `{"label","score"}` JSON lines in the same order. */
import { createReadStream, createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import type { SentimentModel } from './sentiment-model.js';

/** Streams `input` through the model into `output`; returns how many lines were scored. */
export async function scoreFile(
  model: SentimentModel,
  input: string,
  output: string,
  onProgress?: (done: number) => void,
): Promise<number> {
  const lines = createInterface({ input: createReadStream(input, { encoding: 'utf8' }), crlfDelay: Infinity });
  const out = createWriteStream(output, { encoding: 'utf8' });
  let done = 0;
  let batch = '';
  for await (const line of lines) {
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
