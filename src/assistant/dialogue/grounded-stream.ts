/**
 * A model's reply as it streams in, passed on a sentence at a time and only once what has been written so far
 * passes the grounding check: the shopper never sees an unbacked sentence. The first failure stops it.
 */
import type { CatalogueGazetteer } from '../understand/catalogue-gazetteer.js';
import { checkReplyGrounding, type ReplyEvidence } from './reply-grounding.js';

const SENTENCE_END_RE = /[。！？!?；;\n]|\.(?=\s)/g;

/** Streams grounded sentences of one reply. */
export class GroundedStream {
  private text = '';
  private emitted = 0;
  /** Why the reply failed the check, once it has. */
  problems: string[] | null = null;

  constructor(
    private readonly evidence: ReplyEvidence,
    private readonly gazetteer: CatalogueGazetteer,
    private readonly onDelta: ((piece: string) => void) | undefined,
    /** Called once when the reply fails, e.g. to stop reading the model. */
    private readonly onFail: () => void,
  ) {}

  /** Adds a piece of the reply; passes on the sentences it completes when they are grounded. */
  push(piece: string): void {
    if (this.problems) return;
    this.text += piece;
    let end = -1;
    for (const m of this.text.slice(this.emitted).matchAll(SENTENCE_END_RE)) end = this.emitted + m.index + 1;
    if (end > this.emitted) this.release(end);
  }

  /** The whole reply once the model is done, or null when it is not grounded. */
  finish(): string | null {
    if (!this.problems) this.release(this.text.length);
    return this.problems ? null : this.text.trim();
  }

  private release(end: number): void {
    const check = checkReplyGrounding(this.text.slice(0, end), this.evidence, this.gazetteer);
    if (!check.grounded) {
      this.problems = check.problems;
      this.onFail();
      return;
    }
    const piece = this.text.slice(this.emitted, end);
    // Leading blank lines of a reply are dropped, as finish() trims them.
    const shown = this.emitted === 0 ? piece.trimStart() : piece;
    this.emitted = end;
    if (shown && this.onDelta) this.onDelta(shown);
  }
}
