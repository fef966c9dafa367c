import { describe, expect, it } from 'vitest';
import { DAY_MS, ValidationError } from '../domain/index.js';
import { validateJourney } from './validate-journey.js';

function issues(input: unknown): { field: string; message: string }[] {
  try {
    validateJourney(input);
  } catch (error) {
    if (error instanceof ValidationError) return error.issues;
    throw error;
  }
  return [];
}

describe('journey validation', () => {
  it('accepts the contract journey and fills defaults', () => {
    const d = validateJourney({
      name: 'cart',
      trigger: { event: 'add_to_cart' },
      exitOn: ['purchase'],
      steps: [
        { type: 'wait', duration: 'PT5S' },
        { type: 'send', channel: 'webhook', url: 'http://127.0.0.1:9/x' },
      ],
      status: 'active',
    });
    expect(d).toMatchObject({
      reentry: 'after_exit',
      caps: false,
      quietHours: false,
      consent: null,
      holdoutPercent: 0,
    });
    expect(d.conversion).toEqual({ event: 'purchase', withinMs: 7 * DAY_MS });
  });

  it('names every bad field at once', () => {
    const found = issues({
      name: 'bad',
      trigger: { event: 'view' },
      steps: [
        { type: 'wait', duration: '5 minutes' },
        { type: 'send', channel: 'webhook' },
        { type: 'teleport' },
        { type: 'branch', if: 'orders >', then: [{ type: 'wait', event: 'purchase' }] },
        { type: 'send', channel: 'email', content: { subject: 'Hi {{ name | nope }}' } },
      ],
    });
    const fields = found.map((i) => i.field);
    expect(fields).toEqual(
      expect.arrayContaining([
        'steps.0.duration',
        'steps.1.url',
        'steps.2.type',
        'steps.3.if',
        'steps.3.then.0.timeout',
        'steps.4.content.subject',
      ]),
    );
    expect(found.find((i) => i.field === 'steps.0.duration')!.message).toContain('ISO 8601');
  });

  it('rejects a missing or unknown trigger and unknown top-level fields', () => {
    expect(issues({ name: 'x', trigger: {}, steps: [{ type: 'exit' }] }).map((i) => i.field)).toEqual(['trigger']);
    expect(issues({ name: 'x', trigger: { event: 'view' }, steps: [{ type: 'exit' }], colour: 'red' })).not.toEqual([]);
    expect(
      issues({ name: 'x', trigger: { segment: 'vip', on: 'sideways' }, steps: [{ type: 'exit' }] })[0]!.field,
    ).toMatch(/^trigger/);
  });
});
