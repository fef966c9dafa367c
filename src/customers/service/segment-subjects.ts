/** Segment subjects from storage: a stored profile joined with the customer's latest scores. */
import type { CustomerScoreRecord } from '../../store/repositories/customer-score-repository.js';
import type { Repositories } from '../../store/store.js';
import type { CustomerProfile } from '../profile/customer-profile.js';
import type { RfmGroup } from '../rfm/rfm-groups.js';
import type { SegmentSubject } from '../segments/segment-subject.js';

const nan = (v: number | null): number => v ?? Number.NaN;

/** The subject rules see for a profile and (maybe) its scores; a missing score reads as NaN. */
export function toSubject(profile: CustomerProfile, score: CustomerScoreRecord | undefined): SegmentSubject {
  if (!score) return { profile, rfm: null, prediction: null, cluster: null };
  return {
    profile,
    rfm: score.rfm ? { ...score.rfm, group: score.rfm.group as RfmGroup } : null,
    prediction: {
      churnRisk: nan(score.churnRisk),
      pAlive: nan(score.pAlive),
      clv: nan(score.predictedClv),
      expectedPurchases: nan(score.expectedPurchases),
    },
    cluster: score.cluster,
  };
}

/** Subjects of some customers; `profiles` may hold profiles already in memory. */
export async function loadSubjects(
  repos: Repositories,
  customerIds: readonly string[],
  profiles?: ReadonlyMap<string, CustomerProfile>,
): Promise<Map<string, SegmentSubject>> {
  const missing = profiles ? customerIds.filter((id) => !profiles.has(id)) : customerIds;
  const stored = await repos.profiles.getMany<CustomerProfile>(missing);
  const scores = await repos.customerScores.getMany(customerIds);
  const out = new Map<string, SegmentSubject>();
  for (const id of customerIds) {
    const profile = profiles?.get(id) ?? stored.get(id)?.profile;
    if (profile) out.set(id, toSubject(profile, scores.get(id)));
  }
  return out;
}

/** Every stored profile, by customer id. */
export async function loadAllProfiles(repos: Repositories): Promise<Map<string, CustomerProfile>> {
  const out = new Map<string, CustomerProfile>();
  for await (const p of repos.profiles.all<CustomerProfile>()) out.set(p.customerId, p.profile);
  return out;
}

/** Subjects from profiles and scores already in memory. */
export function subjectsOf(
  profiles: ReadonlyMap<string, CustomerProfile>,
  scores: ReadonlyMap<string, CustomerScoreRecord>,
): Map<string, SegmentSubject> {
  const out = new Map<string, SegmentSubject>();
  for (const [id, profile] of profiles) out.set(id, toSubject(profile, scores.get(id)));
  return out;
}

/** Every stored customer as a subject (profiles and scores are both read in customer id order and merged). */
export async function loadAllSubjects(repos: Repositories): Promise<Map<string, SegmentSubject>> {
  const scores = new Map<string, CustomerScoreRecord>();
  for await (const s of repos.customerScores.all()) scores.set(s.customerId, s);
  const out = new Map<string, SegmentSubject>();
  for await (const p of repos.profiles.all<CustomerProfile>()) {
    out.set(p.customerId, toSubject(p.profile, scores.get(p.customerId)));
  }
  return out;
}
