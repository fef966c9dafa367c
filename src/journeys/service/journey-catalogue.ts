/** Loads journeys and their versions, validated and compiled once (versions never change once stored). */
import type { JourneyRecord } from '../../store/repositories/journey-repository.js';
import type { Store } from '../../store/store.js';
import type { JourneyDefinition } from '../definition.js';
import { compileProgram, type Program } from '../program.js';
import { validateJourney } from '../validate-journey.js';

/** A journey version ready to run. */
export interface LoadedVersion {
  journeyId: string;
  version: number;
  definition: JourneyDefinition;
  program: Program;
  /** Whether any step is a branch (conditions need profiles and events since entry). */
  hasConditions: boolean;
}

/** An active journey with its current version and when it went live. */
export interface LiveJourney extends LoadedVersion {
  name: string;
  activatedAt: number;
  /** A segment trigger's segment id, resolved from its id or name; null when the segment is gone. */
  segmentId: string | null;
}

/** A cache of compiled versions over the store. */
export class JourneyCatalogue {
  private readonly versions = new Map<string, LoadedVersion>();

  constructor(private readonly store: Store) {}

  /** Compiles a stored definition. */
  compile(journeyId: string, version: number, raw: unknown): LoadedVersion {
    const definition = validateJourney(raw);
    const program = compileProgram(definition.steps);
    const hasConditions = [...program.nodes.values()].some((n) => n.step.type === 'branch');
    return { journeyId, version, definition, program, hasConditions };
  }

  /** One version (from the cache, else the store). */
  async version(journeyId: string, version: number): Promise<LoadedVersion | undefined> {
    const key = `${journeyId}@${version}`;
    let loaded = this.versions.get(key);
    if (!loaded) {
      const raw = await this.store.journeys.version(journeyId, version);
      if (!raw) return undefined;
      loaded = this.compile(journeyId, version, raw);
      this.versions.set(key, loaded);
    }
    return loaded;
  }

  /** Active journeys. */
  async live(): Promise<LiveJourney[]> {
    const out: LiveJourney[] = [];
    for (const j of await this.store.journeys.list(['active'])) out.push(await this.liveOf(j));
    return out;
  }

  private async liveOf(j: JourneyRecord): Promise<LiveJourney> {
    const loaded = (await this.version(j.id, j.version))!;
    const trigger = loaded.definition.trigger;
    let segmentId: string | null = null;
    if ('segment' in trigger) {
      const s =
        (await this.store.segments.get(trigger.segment)) ?? (await this.store.segments.getByName(trigger.segment));
      segmentId = s?.id ?? null;
    }
    return { ...loaded, name: j.name, activatedAt: j.updatedAt, segmentId };
  }
}
