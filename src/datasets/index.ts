/** The datasets module: file readers, public-format adapters, the dataset registry and downloader. */
export { ADAPTERS, findAdapter } from './adapters/index.js';
export type { AdapterFile, AdapterOptions, AdapterPaths, DatasetAdapter } from './adapters/index.js';
export { collect, countKinds, recordValue } from './collect.js';
export { ChecksumMismatchError, DownloadError } from './dataset-errors.js';
export { datasetFiles } from './dataset-info.js';
export type { DatasetDownload, DatasetFile, DatasetInfo } from './dataset-info.js';
export { fetchDataset, readDataset, requireDataset } from './fetch-dataset.js';
export type { DownloadProgress, FetchDatasetOptions, FetchedDataset } from './fetch-dataset.js';
export { isParseIssue, parseIssue } from './parse-issue.js';
export type { ParseIssue, ReadResult } from './parse-issue.js';
export { readCsv } from './read-csv.js';
export type { ReadCsvOptions } from './read-csv.js';
export { readJsonl } from './read-jsonl.js';
export { detectFormat, readRecords } from './read-records.js';
export type { FileFormat } from './read-records.js';
export { DATASETS, findDataset } from './registry.js';
export { RECORD_KINDS } from './source-record.js';
export type { RecordKind, SourceRecord } from './source-record.js';
