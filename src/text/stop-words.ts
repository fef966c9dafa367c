/** Stop words for English and Chinese: dropped from queries and documents because they carry no product meaning. */

const ENGLISH = `a an and are as at be by for from has have if in into is it its of on or than that the their
this to with without w/ per your you our we not no all very can will just x`.split(/\s+/);

const CHINESE =
  `的 了 和 与 及 或 是 在 也 都 就 而 着 之 其 这 那 个 把 被 让 给 吗 呢 吧 啊 么 很 有 要 我 你 他 她 它 们`.split(
    /\s+/,
  );

/** The default stop-word set (normalised forms). */
export const STOP_WORDS: ReadonlySet<string> = new Set([...ENGLISH, ...CHINESE].filter((w) => w.length > 0));

/** True when a normalised token is a stop word. */
export function isStopWord(token: string, stopWords: ReadonlySet<string> = STOP_WORDS): boolean {
  return stopWords.has(token);
}
