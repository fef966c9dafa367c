/** Text analysis shared by capabilities: normalisation, tokenizers, stemming, stop words, Chinese segmentation. */
export { analyze, analyzeNormalized, analyzeTerms } from './analyzer.js';
export type { AnalyzeOptions } from './analyzer.js';
export { segmentChinese } from './chinese-segmenter.js';
export { tokenizeLatin } from './latin-tokenizer.js';
export { normalizeText, normalizeWithOffsets } from './normalize.js';
export type { NormalizedWithOffsets } from './normalize.js';
export { stemWord } from './stem.js';
export { STOP_WORDS, isStopWord } from './stop-words.js';
export { isExactOnly } from './token.js';
export type { Token, TokenKind } from './token.js';
export { canonicalUnit } from './units.js';
