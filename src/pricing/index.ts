/** Public API of pricing: elasticities, suggestions under guard rails, markdown plans, and the service. */
export { estimateElasticities, type ElasticityEstimate, type ItemPriceHistory, type PricePoint } from './elasticity.js';
export {
  suggestPrice,
  applyEnding,
  type PriceGuardRails,
  type PriceEnding,
  type PriceObjective,
  type PriceSuggestion,
} from './suggest-price.js';
export { planMarkdown, type MarkdownPlan } from './markdown-plan.js';
export { PricingService, type PricingRunOptions } from './service/pricing-service.js';
export {
  priceExperimentInput,
  type PriceExperimentInput,
  type PriceExperimentOptions,
  type PriceExperimentPort,
} from './service/price-experiment.js';
