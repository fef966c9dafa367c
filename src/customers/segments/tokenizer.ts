/** Tokenizer for the segment rule language. */
import { SegmentRuleError } from './segment-rule-error.js';
import { DAY_MS } from '../../domain/index.js';

/** Token kinds; keywords are separate kinds so the parser can name them in errors. */
export type TokenKind =
  | 'number'
  | 'duration'
  | 'string'
  | 'ident'
  | 'and'
  | 'or'
  | 'not'
  | 'in'
  | 'true'
  | 'false'
  | 'any'
  | '('
  | ')'
  | ','
  | '.'
  | 'op'
  | 'end';

/** One token with its source position and text. */
export interface Token {
  kind: TokenKind;
  text: string;
  pos: number;
  /** Numbers: the value; durations: milliseconds. */
  value?: number;
  /** Strings: the unescaped contents. */
  str?: string;
}

const KEYWORDS = new Set(['and', 'or', 'not', 'in', 'true', 'false', 'any']);
const UNIT_MS: Record<string, number> = { m: 60_000, h: 3_600_000, d: DAY_MS, w: 7 * DAY_MS };

/** Splits a rule into tokens, ending with an `end` token; throws {@link SegmentRuleError} on bad input. */
export function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < source.length) {
    const c = source[i]!;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    const start = i;
    if (/[0-9]/.test(c)) {
      while (i < source.length && /[0-9.]/.test(source[i]!)) i++;
      const text = source.slice(start, i);
      const value = Number(text);
      if (!Number.isFinite(value)) throw new SegmentRuleError(`malformed number '${text}'`, start, source);
      const unit = source[i];
      if (unit !== undefined && /[a-zA-Z_]/.test(unit)) {
        if (UNIT_MS[unit] === undefined || /[a-zA-Z0-9_]/.test(source[i + 1] ?? '')) {
          throw new SegmentRuleError(`unknown duration unit after '${text}'; expected m, h, d or w`, i, source);
        }
        i++;
        tokens.push({ kind: 'duration', text: source.slice(start, i), pos: start, value: value * UNIT_MS[unit] });
      } else {
        tokens.push({ kind: 'number', text, pos: start, value });
      }
      continue;
    }
    if (c === '"' || c === "'") {
      let str = '';
      i++;
      for (;;) {
        const ch = source[i];
        if (ch === undefined) throw new SegmentRuleError(`unterminated string; expected closing ${c}`, start, source);
        i++;
        if (ch === c) break;
        if (ch === '\\') {
          const next = source[i];
          if (next === undefined) throw new SegmentRuleError('unterminated escape', i - 1, source);
          str += next;
          i++;
        } else {
          str += ch;
        }
      }
      tokens.push({ kind: 'string', text: source.slice(start, i), pos: start, str });
      continue;
    }
    if (/[A-Za-z_]/.test(c)) {
      while (i < source.length && /[A-Za-z0-9_]/.test(source[i]!)) i++;
      const text = source.slice(start, i);
      const lower = text.toLowerCase();
      tokens.push({ kind: KEYWORDS.has(lower) ? (lower as TokenKind) : 'ident', text, pos: start });
      continue;
    }
    const two = source.slice(i, i + 2);
    if (two === '==' || two === '!=' || two === '<=' || two === '>=') {
      tokens.push({ kind: 'op', text: two === '==' ? '=' : two, pos: start });
      i += 2;
      continue;
    }
    if (c === '=' || c === '<' || c === '>') {
      tokens.push({ kind: 'op', text: c, pos: start });
      i++;
      continue;
    }
    if (c === '(' || c === ')' || c === ',' || c === '.') {
      tokens.push({ kind: c, text: c, pos: start });
      i++;
      continue;
    }
    throw new SegmentRuleError(`unexpected character '${c}'`, start, source);
  }
  tokens.push({ kind: 'end', text: 'end of rule', pos: source.length });
  return tokens;
}
