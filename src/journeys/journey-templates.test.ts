import { describe, expect, it } from 'vitest';
import { JOURNEY_TEMPLATES } from './journey-templates.js';
import { validateJourney } from './validate-journey.js';

describe('ready journeys', () => {
  it('all validate as they are', () => {
    expect(Object.keys(JOURNEY_TEMPLATES).length).toBe(8);
    for (const t of Object.values(JOURNEY_TEMPLATES)) expect(() => validateJourney(t.definition)).not.toThrow();
  });
});
