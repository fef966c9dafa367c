/** Segment-compatible tracking: messages translated and stored in one transaction. */
import { translateSegmentMessages, type SegmentMessage } from '../segment/segment-messages.js';
import type { EcommerceIntake } from './ecommerce-intake.js';

/** What a Segment call answers: Segment's `success`, and what Daogou kept. */
export interface SegmentAccepted {
  success: true;
  events: number;
  customers: number;
  merges: number;
  skipped: { index: number; reason: string }[];
}

/** Accepts Segment tracking API messages. */
export class SegmentIntake {
  constructor(private readonly intake: EcommerceIntake) {}

  /** Translates and stores a batch (all or nothing). */
  async accept(messages: readonly SegmentMessage[]): Promise<SegmentAccepted> {
    const translated = translateSegmentMessages(messages);
    const result = await this.intake.write(translated);
    return {
      success: true,
      events: result.events.stored,
      customers: result.customers,
      merges: result.merges,
      skipped: translated.skipped,
    };
  }
}
