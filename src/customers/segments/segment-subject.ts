/** What a segment rule is evaluated against: a profile plus optional RFM, predictions and cluster. */
import type { CustomerProfile } from '../profile/customer-profile.js';
import type { RfmGroup } from '../rfm/rfm-groups.js';

/** One customer as seen by rules; missing parts make their fields NaN / empty so comparisons are false. */
export interface SegmentSubject {
  profile: CustomerProfile;
  rfm?: { group: RfmGroup; r: number; f: number; m: number } | null;
  prediction?: { churnRisk: number; pAlive: number; clv: number; expectedPurchases: number } | null;
  cluster?: number | null;
}
