/** Loaders for the public intent datasets used to measure the text classifier: Bitext and MG-ShopDial. */
import { readFileSync } from 'node:fs';
import { readCsvTable } from './adapters/csv-table.js';

/** Parallel arrays of texts and their labels (plus a group id, e.g. the dialogue, where the data has one). */
export interface LabelledTexts {
  /** Utterances. */
  texts: string[];
  /** One label per utterance. */
  labels: string[];
  /** One group per utterance (dialogue id; the row index where there is none). */
  groups: string[];
}

/** Bitext customer-service intents (`bitext_train.csv`: utterance → intent); a row that cannot be read fails. */
export async function loadBitextIntents(file: string): Promise<LabelledTexts> {
  const out: LabelledTexts = { texts: [], labels: [], groups: [] };
  for await (const r of readCsvTable(file, ['utterance', 'intent'], { trim: false })) {
    if ('error' in r) throw new Error(`${file}:${r.line}: ${r.error}`);
    out.groups.push(String(out.texts.length));
    out.texts.push(r.cell('utterance'));
    out.labels.push(r.cell('intent'));
  }
  return out;
}

interface ShopDialUtterance {
  utterance: string;
  intents: Array<[string, number]>;
}

/**
 * MG-ShopDial utterances labelled with their highest-rated intent (the first listed on a tie);
 * utterances with no intent annotation are left out.
 */
export function loadShopDialIntents(file: string): LabelledTexts {
  const dialogues = JSON.parse(readFileSync(file, 'utf8')) as Array<{ id: string; utterances: ShopDialUtterance[] }>;
  const out: LabelledTexts = { texts: [], labels: [], groups: [] };
  for (const dialogue of dialogues) {
    for (const u of dialogue.utterances) {
      let best: [string, number] | undefined;
      for (const intent of u.intents) if (!best || intent[1] > best[1]) best = intent;
      if (!best) continue;
      out.texts.push(u.utterance);
      out.labels.push(best[0]);
      out.groups.push(dialogue.id);
    }
  }
  return out;
}
