/**
 * Saved segments: rules checked on save, membership materialised in segment_members and kept up to date
 * (fully after each analytics run or rule change, incrementally for customers whose profile changed),
 * with every entry and exit appended to the event log as `custom:segment_enter` / `custom:segment_exit`.
 */
import { randomUUID } from 'node:crypto';
import { ConflictError, NotFoundError, ValidationError, systemEvent, type NewEvent } from '../../domain/index.js';
import type { Clock } from '../../platform/clock.js';
import type { SegmentMember, SegmentRecord } from '../../store/repositories/segment-repository.js';
import type { Repositories, Store } from '../../store/store.js';
import type { CustomerProfile } from '../profile/customer-profile.js';
import { compileRule, type CompiledRule } from '../segments/compile-rule.js';
import { evaluateSegment } from '../segments/evaluate-segment.js';
import { diffMembership } from '../segments/membership-diff.js';
import { SegmentRuleError } from '../segments/segment-rule-error.js';
import type { SegmentSubject } from '../segments/segment-subject.js';
import { loadAllSubjects, loadSubjects } from './segment-subjects.js';

/** Event types recording segment membership changes (the profile tailer does not fold them). */
export const SEGMENT_ENTER_EVENT = 'custom:segment_enter';
/** See {@link SEGMENT_ENTER_EVENT}. */
export const SEGMENT_EXIT_EVENT = 'custom:segment_exit';

/** What a caller may set on a segment. */
export interface SegmentInput {
  name: string;
  rule: string;
  description?: string | null;
}

/** Overlap between the segments asked about. */
export interface SegmentOverlap {
  segments: { id: string; name: string; size: number }[];
  pairs: { a: string; b: string; both: number; jaccard: number }[];
}

/** Membership changes of one evaluation. */
export interface MembershipChange {
  segmentId: string;
  entered: number;
  exited: number;
}

/** The segment service. */
export class SegmentService {
  private readonly compiled = new Map<string, CompiledRule>();

  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
  ) {}

  /** Compiles a rule; a bad rule is a ValidationError on `rule` naming the position and what was expected. */
  compile(rule: string): CompiledRule {
    let c = this.compiled.get(rule);
    if (c) return c;
    try {
      c = compileRule(rule);
    } catch (error) {
      if (!(error instanceof SegmentRuleError)) throw error;
      const [message = error.message] = error.message.split('\n');
      throw new ValidationError([{ field: 'rule', message }], `rule: ${error.message}`);
    }
    if (this.compiled.size > 1000) this.compiled.clear();
    this.compiled.set(rule, c);
    return c;
  }

  /** Creates a segment and computes its members (no enter events: the first population is not a change). */
  async create(input: SegmentInput): Promise<SegmentRecord> {
    const rule = this.compile(input.rule);
    const now = this.clock();
    return this.store.transaction(async (repos) => {
      if (await repos.segments.getByName(input.name)) {
        throw new ConflictError(`a segment named "${input.name}" already exists`);
      }
      const segment: SegmentRecord = {
        id: randomUUID(),
        name: input.name,
        rule: input.rule,
        description: input.description ?? null,
        size: 0,
        createdAt: now,
        updatedAt: now,
        evaluatedAt: null,
      };
      await repos.segments.insert(segment);
      const members = evaluateSegment(rule, (await loadAllSubjects(repos)).values(), now);
      await repos.segments.addMembers(segment.id, members, now);
      await repos.segments.setSize(segment.id, members.length, now);
      return { ...segment, size: members.length, evaluatedAt: now };
    });
  }

  /** Changes a segment; a new rule re-evaluates it and records who entered and left. */
  async update(id: string, input: Partial<SegmentInput>): Promise<SegmentRecord> {
    if (input.rule !== undefined) this.compile(input.rule);
    await this.store.transaction(async (repos) => {
      const current = await repos.segments.get(id);
      if (!current) throw new NotFoundError(`no segment with id "${id}"`);
      const name = input.name ?? current.name;
      if (name !== current.name && (await repos.segments.getByName(name))) {
        throw new ConflictError(`a segment named "${name}" already exists`);
      }
      const next = {
        name,
        rule: input.rule ?? current.rule,
        description: input.description !== undefined ? input.description : current.description,
      };
      await repos.segments.update(id, next, this.clock());
      if (next.rule !== current.rule) {
        await this.evaluateAll(repos, [{ ...current, ...next }], await loadAllSubjects(repos), true);
      }
    });
    return this.get(id);
  }

  /** One segment. */
  async get(id: string): Promise<SegmentRecord> {
    const segment = await this.store.segments.get(id);
    if (!segment) throw new NotFoundError(`no segment with id "${id}"`);
    return segment;
  }

  /** A segment by id or, failing that, by name (for the CLI). */
  async find(idOrName: string): Promise<SegmentRecord> {
    const segment = (await this.store.segments.get(idOrName)) ?? (await this.store.segments.getByName(idOrName));
    if (!segment) throw new NotFoundError(`no segment with id or name "${idOrName}"`);
    return segment;
  }

  /** Every segment. */
  list(): Promise<SegmentRecord[]> {
    return this.store.segments.list();
  }

  /** Deletes a segment and its membership. */
  async delete(id: string): Promise<void> {
    const deleted = await this.store.transaction((repos) => repos.segments.delete(id));
    if (!deleted) throw new NotFoundError(`no segment with id "${id}"`);
  }

  /** A page of members in customer id order. */
  async members(id: string, options: { limit: number; after?: string }): Promise<SegmentMember[]> {
    await this.get(id);
    return this.store.segments.members(id, options);
  }

  /** Size and a sample of a rule's members, without saving anything. */
  async preview(rule: string, sampleSize = 20): Promise<{ size: number; sample: string[] }> {
    const compiled = this.compile(rule);
    const members = evaluateSegment(compiled, (await loadAllSubjects(this.store)).values(), this.clock());
    members.sort();
    return { size: members.length, sample: members.slice(0, sampleSize) };
  }

  /** Pairwise overlap (customers in both, Jaccard index) of the given segments. */
  async overlap(ids: readonly string[]): Promise<SegmentOverlap> {
    const segments = await Promise.all(ids.map((id) => this.get(id)));
    const counts = await this.store.segments.overlap(ids);
    const size = new Map(segments.map((s) => [s.id, s.size]));
    const both = new Map(counts.map((c) => [`${c.a}\u0000${c.b}`, c.both]));
    const pairs: SegmentOverlap['pairs'] = [];
    for (let i = 0; i < ids.length; i++) {
      for (let j = i + 1; j < ids.length; j++) {
        const [a, b] = [ids[i]!, ids[j]!].sort() as [string, string];
        const n = both.get(`${a}\u0000${b}`) ?? 0;
        const union = (size.get(a) ?? 0) + (size.get(b) ?? 0) - n;
        pairs.push({ a: ids[i]!, b: ids[j]!, both: n, jaccard: union > 0 ? n / union : 0 });
      }
    }
    return { segments: segments.map((s) => ({ id: s.id, name: s.name, size: s.size })), pairs };
  }

  /**
   * Re-evaluates every segment over every customer (after an analytics run: time-based rules change too).
   * `subjects` may be given when the caller already holds every customer in memory.
   */
  async refreshAll(
    repos: Repositories = this.store,
    subjects?: Map<string, SegmentSubject>,
  ): Promise<MembershipChange[]> {
    const segments = await repos.segments.list();
    if (segments.length === 0) return [];
    return this.evaluateAll(repos, segments, subjects ?? (await loadAllSubjects(repos)), true);
  }

  /** Re-evaluates every segment for some customers whose profiles changed; records entries and exits. */
  async refreshCustomers(
    repos: Repositories,
    customerIds: readonly string[],
    profiles?: ReadonlyMap<string, CustomerProfile>,
  ): Promise<MembershipChange[]> {
    const segments = await repos.segments.list();
    if (segments.length === 0 || customerIds.length === 0) return [];
    const now = this.clock();
    const subjects = await loadSubjects(repos, customerIds, profiles);
    const memberships = await repos.segments.membershipsOf(customerIds);
    const changes: MembershipChange[] = [];
    for (const segment of segments) {
      const rule = this.compile(segment.rule);
      const before = customerIds.filter((id) => memberships.get(id)?.has(segment.id));
      const after = evaluateSegment(rule, subjects.values(), now);
      changes.push(await this.apply(repos, segment, diffMembership(before, after), now, true));
    }
    return changes;
  }

  private async evaluateAll(
    repos: Repositories,
    segments: readonly SegmentRecord[],
    subjects: Map<string, SegmentSubject>,
    emit: boolean,
  ): Promise<MembershipChange[]> {
    const now = this.clock();
    const changes: MembershipChange[] = [];
    for (const segment of segments) {
      const after = evaluateSegment(this.compile(segment.rule), subjects.values(), now);
      const before = await repos.segments.memberIds(segment.id);
      changes.push(await this.apply(repos, segment, diffMembership(before, after), now, emit));
    }
    return changes;
  }

  private async apply(
    repos: Repositories,
    segment: SegmentRecord,
    diff: { entered: string[]; exited: string[] },
    now: number,
    emit: boolean,
  ): Promise<MembershipChange> {
    await repos.segments.addMembers(segment.id, diff.entered, now);
    await repos.segments.removeMembers(segment.id, diff.exited);
    await repos.segments.refreshSize(segment.id, now);
    if (emit && diff.entered.length + diff.exited.length > 0) {
      const events = [
        ...diff.entered.map((id) => membershipEvent(SEGMENT_ENTER_EVENT, id, segment, now)),
        ...diff.exited.map((id) => membershipEvent(SEGMENT_EXIT_EVENT, id, segment, now)),
      ];
      for (let i = 0; i < events.length; i += 1000) await repos.events.insertMany(events.slice(i, i + 1000));
    }
    return { segmentId: segment.id, entered: diff.entered.length, exited: diff.exited.length };
  }
}

function membershipEvent(type: string, customerId: string, segment: SegmentRecord, now: number): NewEvent {
  return systemEvent({
    id: randomUUID(),
    type,
    customerId,
    timestamp: now,
    properties: { segmentId: segment.id, segmentName: segment.name },
  });
}
