/**
 * Groups shoppers' questions that say the same thing ("你们几点下班" and "几点下班呀", "where's my parcel"
 * and "where is my parcel") so the merchant answers each once. Pure: character bigrams of the normalised
 * text (works for Chinese without segmentation and for English typos alike), Dice similarity, and a greedy
 * pass from the most frequent wording down, with an inverted index so each text meets only the groups that
 * share a bigram with it.
 */
import { normalizeText } from '../../text/index.js';

/** A question to group. */
export interface QuestionInput {
  /** An id to hand back (e.g. the turn id). */
  id: string;
  text: string;
  /** Epoch ms, for the newest time in each group. */
  at: number;
}

/** Questions that say the same thing. */
export interface QuestionGroup {
  /** The most frequent wording (ties: the newest). */
  text: string;
  /** How many questions. */
  count: number;
  /** Each distinct wording with its count, most frequent first. */
  texts: Array<{ text: string; count: number }>;
  /** Ids of the questions, newest first. */
  ids: string[];
  /** The newest question's time. */
  lastAt: number;
}

/** Texts at least this similar (Dice over character bigrams) go together. */
export const SAME_QUESTION = 0.6;

const DROP_RE = /[\p{P}\p{S}]+/gu;

/** The text as compared: normalised, punctuation and symbols dropped, whitespace collapsed. */
export function questionKey(text: string): string {
  return normalizeText(text).replace(DROP_RE, ' ').replace(/\s+/g, ' ').trim();
}

/** Character bigrams of a key (a one-character key is its own feature). */
function bigrams(key: string): Set<string> {
  const chars = Array.from(key);
  if (chars.length < 2) return new Set(chars);
  const out = new Set<string>();
  for (let i = 0; i + 1 < chars.length; i++) out.add(chars[i]! + chars[i + 1]!);
  return out;
}

function dice(a: Set<string>, b: Set<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  let common = 0;
  for (const g of a) if (b.has(g)) common++;
  return (2 * common) / (a.size + b.size);
}

/** How alike two questions are worded, 0–1 (Dice over character bigrams of their keys). */
export function questionSimilarity(a: string, b: string): number {
  return dice(bigrams(questionKey(a)), bigrams(questionKey(b)));
}

const ALTERNATIVES_RE = /[\n?？!！;；|]+/;

/**
 * The index of the question worded most like `text`, at least `threshold` alike; -1 when none is. A question
 * may list several wordings, one per line or sentence ("客服几点下班？营业时间"): the closest one counts.
 */
export function closestQuestion(text: string, questions: readonly string[], threshold = SAME_QUESTION): number {
  const grams = bigrams(questionKey(text));
  let best = -1;
  let bestScore = threshold;
  questions.forEach((q, i) => {
    for (const wording of [q, ...q.split(ALTERNATIVES_RE)]) {
      const score = dice(grams, bigrams(questionKey(wording)));
      if (score > bestScore || (score === bestScore && best === -1)) [best, bestScore] = [i, score];
    }
  });
  return best;
}

interface Wording {
  key: string;
  text: string;
  items: QuestionInput[];
  lastAt: number;
}

/** Groups questions; groups come largest first (ties: the most recent first). */
export function groupQuestions(questions: readonly QuestionInput[], threshold = SAME_QUESTION): QuestionGroup[] {
  // Identical wordings (after normalising) first: one entry each, counted.
  const wordings = new Map<string, Wording>();
  for (const q of questions) {
    const key = questionKey(q.text);
    if (key === '') continue;
    const w = wordings.get(key);
    if (w) {
      w.items.push(q);
      if (q.at > w.lastAt) {
        w.lastAt = q.at;
        w.text = q.text;
      }
    } else wordings.set(key, { key, text: q.text, items: [q], lastAt: q.at });
  }
  const ordered = [...wordings.values()].sort(
    (a, b) => b.items.length - a.items.length || b.lastAt - a.lastAt || (a.key < b.key ? -1 : 1),
  );
  // Each wording joins the most similar group (by its first, most frequent wording) above the threshold.
  const groups: Array<{ grams: Set<string>; wordings: Wording[] }> = [];
  const index = new Map<string, number[]>();
  for (const w of ordered) {
    const grams = bigrams(w.key);
    const shared = new Map<number, number>();
    for (const g of grams) for (const gi of index.get(g) ?? []) shared.set(gi, (shared.get(gi) ?? 0) + 1);
    let best = -1;
    let bestScore = threshold;
    for (const [gi, common] of shared) {
      const score = (2 * common) / (grams.size + groups[gi]!.grams.size);
      if (score >= bestScore && (best === -1 || score > bestScore || gi < best)) {
        best = gi;
        bestScore = score;
      }
    }
    if (best >= 0) {
      groups[best]!.wordings.push(w);
      continue;
    }
    const gi = groups.length;
    groups.push({ grams, wordings: [w] });
    for (const g of grams) {
      const list = index.get(g);
      if (list) list.push(gi);
      else index.set(g, [gi]);
    }
  }
  return groups
    .map(({ wordings: ws }) => {
      const items = ws.flatMap((w) => w.items).sort((a, b) => b.at - a.at || (a.id < b.id ? 1 : -1));
      return {
        text: ws[0]!.text,
        count: items.length,
        texts: ws.map((w) => ({ text: w.text, count: w.items.length })),
        ids: items.map((i) => i.id),
        lastAt: items[0]!.at,
      };
    })
    .sort((a, b) => b.count - a.count || b.lastAt - a.lastAt);
}
