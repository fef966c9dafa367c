/** Errors of fetching datasets, typed so the CLI can print them plainly. */
import { DaogouError } from '../domain/errors.js';

/** A data file's SHA-256 differs from the registry's: the file is corrupt, truncated or a different version. */
export class ChecksumMismatchError extends DaogouError {
  readonly status = 422;
  readonly kind = 'checksum-mismatch';
  readonly title = 'Checksum mismatch';
  constructor(
    readonly file: string,
    readonly expected: string,
    readonly actual: string,
  ) {
    super(`${file}: SHA-256 is ${actual}, expected ${expected}`);
  }
}

/** A download failed (network error or a non-2xx answer). */
export class DownloadError extends DaogouError {
  readonly status = 502;
  readonly kind = 'download-failed';
  readonly title = 'Download failed';
}
