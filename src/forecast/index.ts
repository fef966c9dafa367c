/**
 * Forecasting's front door: the pure library, inventory policy, the service the engine, jobs and routes
 * compose, and the CLI's file forecasts (history and promotion files, forecasts on worker threads).
 */
export { autoForecast, DEFAULT_LEVELS, type SeriesForecast, type ForecastInterval } from './auto-forecast.js';
export { forecastBatch, type BatchForecast } from './forecast-batch.js';
export { calibrateIntervals } from './calibrate-intervals.js';
export { forecastHistory, type HistoryForecast } from './forecast-history.js';
export { seriesFromRows, type HistoryRow, type HistorySeries } from './history.js';
export { inventoryStatus, type InventoryStatus, type StockRisk } from './inventory.js';
export { iso, parsePeriod, type Frequency, type SalesFrequency } from './periods.js';
export { retailCalendar, type EventSpan } from './retail-events.js';
export { rmsse, mase } from './accuracy.js';
export {
  ForecastService,
  DEFAULT_HORIZON,
  RISK_RANK,
  splitKey,
  type ForecastBody,
  type ForecastRunSummary,
} from './service/forecast-service.js';
export { weeklySales, periodSales, weekStart, type WeeklySales, type PeriodSales } from './service/weekly-sales.js';
export { readHistoryFile, readPromotionsFile, writeForecastFile } from './service/history-file.js';
export { forecastBatchOnThreads } from './service/forecast-threads.js';
