import { describe, expect, it } from 'vitest';
import { emptyProfile } from '../customers/index.js';
import { DAY_MS } from '../domain/index.js';
import type { ConditionSubject } from './conditions.js';
import { compileProgram } from './program.js';
import { advance, entryPosition, unitHash } from './step-machine.js';
import { validateJourney } from './validate-journey.js';

const T0 = Date.UTC(2026, 2, 10, 12, 0, 0);

function subject(since: Record<string, number> = {}): ConditionSubject {
  return {
    profile: emptyProfile('c1'),
    journey: {
      trigger: { total: 120 },
      since: new Map(Object.entries(since)),
      traits: { vip: 'yes' },
      consent: { email: true },
    },
  };
}

const journey = validateJourney({
  name: 'cart',
  trigger: { event: 'add_to_cart' },
  steps: [
    { type: 'wait', duration: 'PT1H' },
    {
      type: 'branch',
      if: 'done("purchase")',
      then: [{ type: 'exit' }],
      else: [{ type: 'send', channel: 'webhook', url: 'http://127.0.0.1/hook' }],
    },
    { type: 'set_trait', trait: 'reminded', value: true },
  ],
});
const program = compileProgram(journey.steps);

describe('step machine', () => {
  it('waits, then sends when the condition is false, then sets a trait and completes', () => {
    const start = entryPosition(program, T0);
    const first = advance(program, start, { runId: 'r1', now: T0, zone: 'UTC', subject: () => subject() });
    expect(first.position).toMatchObject({ status: 'active', node: '0', wakeAt: T0 + 3_600_000, armed: '0' });
    expect(first.effects).toEqual([]);
    const second = advance(program, first.position, {
      runId: 'r1',
      now: T0 + 3_600_000,
      zone: 'UTC',
      subject: () => subject(),
    });
    expect(second.effects.map((e) => e.kind)).toEqual(['send', 'set_trait']);
    expect(second.position.status).toBe('completed');
    expect(second.visited).toEqual(['1', '1.else.0', '2']);
  });

  it('exits when the customer bought since entering', () => {
    const waiting = advance(program, entryPosition(program, T0), {
      runId: 'r1',
      now: T0,
      zone: 'UTC',
      subject: () => subject(),
    });
    const done = advance(program, waiting.position, {
      runId: 'r1',
      now: T0 + 3_600_000,
      zone: 'UTC',
      subject: () => subject({ purchase: 1 }),
    });
    expect(done.effects).toEqual([]);
    expect(done.position).toMatchObject({ status: 'exited', exitReason: 'exit_step' });
  });

  it('waits until a time of day in the customer zone and for events with a timeout', () => {
    const p = compileProgram(
      validateJourney({
        name: 'x',
        trigger: { event: 'view' },
        steps: [
          { type: 'wait', until: '09:00' },
          { type: 'wait', event: 'purchase', timeout: 'P1D' },
        ],
      }).steps,
    );
    const a = advance(p, entryPosition(p, T0), {
      runId: 'r',
      now: T0,
      zone: 'Asia/Shanghai',
      subject: () => subject(),
    });
    expect(new Date(a.position.wakeAt!).toISOString()).toBe('2026-03-11T01:00:00.000Z');
    const b = advance(p, a.position, {
      runId: 'r',
      now: a.position.wakeAt!,
      zone: 'Asia/Shanghai',
      subject: () => subject(),
    });
    expect(b.position).toMatchObject({ node: '1', waitingFor: 'purchase', wakeAt: a.position.wakeAt! + DAY_MS });
  });

  it('splits by a hash of the run, close to the weights', () => {
    const p = compileProgram(
      validateJourney({
        name: 's',
        trigger: { event: 'view' },
        steps: [
          {
            type: 'split',
            paths: [
              { weight: 30, steps: [{ type: 'set_trait', trait: 'arm', value: 'a' }] },
              { weight: 70, steps: [{ type: 'set_trait', trait: 'arm', value: 'b' }] },
            ],
          },
        ],
      }).steps,
    );
    let a = 0;
    for (let i = 0; i < 2000; i++) {
      const r = advance(p, entryPosition(p, T0), { runId: `r${i}`, now: T0, zone: 'UTC', subject: () => subject() });
      if (r.effects[0]?.kind === 'set_trait' && r.effects[0].value === 'a') a++;
    }
    expect(a / 2000).toBeGreaterThan(0.26);
    expect(a / 2000).toBeLessThan(0.34);
    expect(unitHash('r1', '0')).toBe(unitHash('r1', '0'));
  });

  it('reads trigger properties and traits in conditions', () => {
    const p = compileProgram(
      validateJourney({
        name: 'c',
        trigger: { event: 'view' },
        steps: [
          { type: 'branch', if: 'trigger_number("total") > 100 and trait_is("vip", "yes")', then: [{ type: 'exit' }] },
        ],
      }).steps,
    );
    const r = advance(p, entryPosition(p, T0), { runId: 'r', now: T0, zone: 'UTC', subject: () => subject() });
    expect(r.position.exitReason).toBe('exit_step');
  });
});
