/** What the registry knows about a public dataset: where to get it, how to check it, how to read it. */
import type { AdapterOptions, DatasetAdapter } from './adapters/dataset-adapter.js';

/** One data file of a dataset, as it lies in the dataset's folder once fetched. */
export interface DatasetFile {
  /** File name inside the dataset folder. */
  name: string;
  /** Lower-case hex SHA-256 of the file's bytes (for zips: of the extracted file). */
  sha256: string;
  /** Path of the file inside the archive, when the download is a zip. */
  entry?: string;
}

/** One URL to download and the files it provides. */
export interface DatasetDownload {
  url: string;
  /** 'file': the response is the data file itself; 'zip': the files are extracted from it. */
  archive: 'file' | 'zip';
  files: DatasetFile[];
}

/** A public dataset Daogou can fetch and import. */
export interface DatasetInfo {
  /** Folder name, both in the cache and in a local datasets folder. */
  name: string;
  title: string;
  description: string;
  homepage: string;
  /** Licence terms in one or two sentences; the user sees this before downloading. */
  license: string;
  /** How to credit the data, e.g. the paper to cite. */
  attribution: string;
  downloads: DatasetDownload[];
  adapter: DatasetAdapter;
  /** Which file plays which adapter role (role → file name). */
  roles: Readonly<Record<string, string>>;
  adapterOptions?: AdapterOptions;
}

/** Every file of a dataset, across its downloads. */
export function datasetFiles(info: DatasetInfo): DatasetFile[] {
  return info.downloads.flatMap((d) => d.files);
}
