/** Public API of journeys (marketing automation): what the engine, routes, jobs and the CLI wire up. */
export * from './definition.js';
export { validateJourney } from './validate-journey.js';
export { compileProgram, nodeLabel, type Program, type ProgramNode } from './program.js';
export { advance, entryPosition, type Advance, type Effect, type RunPosition } from './step-machine.js';
export { renderContent, checkContent, type ProductView, type RenderedContent } from './templates.js';
export { JourneySettingsSchema, DEFAULT_SETTINGS, type JourneySettings } from './settings.js';
export { signBody } from './channels/http-channel.js';
export { JOURNEY_TEMPLATES } from './journey-templates.js';
export { JourneyCatalogue } from './service/journey-catalogue.js';
export { JourneyContext, type JourneyDefaults } from './service/journey-context.js';
export { JourneyRunner, JOURNEY_CURSOR_KEY, type TickResult, type RunnerOptions } from './service/journey-runner.js';
export {
  JourneyService,
  UNSUBSCRIBE_EVENT,
  type JourneyStats,
  type SettableStatus,
} from './service/journey-service.js';
export { JourneyPreview, type PreviewResult } from './service/journey-preview.js';
export type { ProductSource } from './service/messages.js';
