/** Public API of forecasting: the pure library, inventory policy, and the services the engine wires up. */
export { autoForecast, DEFAULT_LEVELS, type SeriesForecast, type ForecastInterval } from './auto-forecast.js';
export { forecastBatch, type BatchForecast } from './forecast-batch.js';
export { forecastHistory, type HistoryForecast } from './forecast-history.js';
export { seriesFromRows, type HistoryRow, type HistorySeries } from './history.js';
export { inventoryStatus, type InventoryStatus, type StockRisk } from './inventory.js';
export { iso, parsePeriod, type Frequency } from './periods.js';
export { retailCalendar, type EventSpan } from './retail-events.js';
export { rmsse, mase } from './accuracy.js';
export {
  ForecastService,
  RISK_RANK,
  splitKey,
  type ForecastBody,
  type ForecastRunSummary,
} from './service/forecast-service.js';
export { weeklySales, weekStart, type WeeklySales } from './service/weekly-sales.js';
