/** Experiments and flags: the visitor's variant (deterministic on the server), and exposure when it is shown. */
import type { Http } from './http.js';
import type { Visitor } from './visitor.js';

/** The visitor's variant in one experiment; `variant` is null when they are not in it (show the default). */
export interface ExperimentAssignment {
  experimentId: string;
  experiment: string;
  variant: string | null;
  /** What the variant sets, e.g. `{ "model": "popular" }` or a flag's value. */
  config: Record<string, unknown> | null;
  reason: string;
}

/** What the server answers without a visitor to assign (no analytics consent yet). */
const unassigned = (experiment: string): ExperimentAssignment => ({
  experimentId: '',
  experiment,
  variant: null,
  config: null,
  reason: 'no-consent',
});

/**
 * Assigns by the visitor's anonymous id, which the server resolves to the customer after `identify`, so the
 * variant stays the same across a login. Without analytics consent there is no id: everyone gets the default.
 */
export class ExperimentsApi {
  constructor(
    private readonly http: Http,
    private readonly visitor: Visitor,
  ) {}

  /** The visitor's variant in an experiment (by name or id); records nothing. */
  async variant(experiment: string, options: { signal?: AbortSignal } = {}): Promise<ExperimentAssignment> {
    const anonymousId = this.visitor.anonymousId();
    if (anonymousId === null) return unassigned(experiment);
    return this.http.request<ExperimentAssignment>('POST', `/v1/experiments/${encodeURIComponent(experiment)}/assign`, {
      body: { anonymousId },
      ...(options.signal ? { signal: options.signal } : {}),
    });
  }

  /** Records that the visitor was shown their variant (call it when it is on screen) and returns it. */
  async expose(experiment: string): Promise<ExperimentAssignment & { recorded: boolean }> {
    const anonymousId = this.visitor.anonymousId();
    if (anonymousId === null) return { ...unassigned(experiment), recorded: false };
    return this.http.request('POST', `/v1/experiments/${encodeURIComponent(experiment)}/expose`, {
      body: { anonymousId },
    });
  }

  /** The visitor's variant in every running experiment (optionally of one surface, e.g. `flag`), by name. */
  async all(options: { surface?: string; signal?: AbortSignal } = {}): Promise<Record<string, ExperimentAssignment>> {
    const anonymousId = this.visitor.anonymousId();
    if (anonymousId === null) return {};
    const { assignments } = await this.http.request<{ assignments: ExperimentAssignment[] }>(
      'POST',
      '/v1/experiments/assignments',
      {
        body: { anonymousId, ...(options.surface !== undefined ? { surface: options.surface } : {}) },
        ...(options.signal ? { signal: options.signal } : {}),
      },
    );
    return Object.fromEntries(assignments.map((a) => [a.experiment, a]));
  }
}
