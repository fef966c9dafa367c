/**
 * Reads a catalogue image's bytes from where the item says it is: an http(s) URL, or a path starting with
 * `/` resolved against the store's public URL. Bounded in time and size so one slow or huge image cannot
 * hold up the indexing job.
 */
import { MAX_IMAGE_BYTES } from './decode-image.js';

/** Options for {@link fetchImage}. */
export interface FetchImageOptions {
  /** Base for `/path` images (the store's public URL); without it such images cannot be read. */
  baseUrl?: string | null;
  timeoutMs?: number;
  maxBytes?: number;
}

/** Why an image could not be read; stored with the image so the console can show it. */
export class ImageFetchError extends Error {}

/** The image's bytes; throws {@link ImageFetchError} naming the reason. */
export async function fetchImage(url: string, options: FetchImageOptions = {}): Promise<Uint8Array> {
  const maxBytes = options.maxBytes ?? MAX_IMAGE_BYTES;
  let target: URL;
  try {
    target = url.startsWith('/') ? new URL(url, requireBase(options.baseUrl)) : new URL(url);
  } catch (error) {
    throw error instanceof ImageFetchError ? error : new ImageFetchError(`not a URL: ${url}`);
  }
  if (target.protocol !== 'http:' && target.protocol !== 'https:') {
    throw new ImageFetchError(`only http(s) images are read, not ${target.protocol}`);
  }
  let response: Response;
  try {
    response = await fetch(target, { signal: AbortSignal.timeout(options.timeoutMs ?? 10_000), redirect: 'follow' });
  } catch (error) {
    throw new ImageFetchError(`could not fetch the image (${error instanceof Error ? error.message : String(error)})`);
  }
  if (!response.ok) throw new ImageFetchError(`the image's server answered ${response.status}`);
  const declared = Number(response.headers.get('content-length') ?? 0);
  if (declared > maxBytes) throw new ImageFetchError(`the image is larger than ${maxBytes} bytes`);
  const chunks: Uint8Array[] = [];
  let total = 0;
  // Counted as it arrives: a missing or false Content-Length must not let a huge body through.
  for await (const chunk of response.body ?? []) {
    total += (chunk as Uint8Array).byteLength;
    if (total > maxBytes) throw new ImageFetchError(`the image is larger than ${maxBytes} bytes`);
    chunks.push(chunk as Uint8Array);
  }
  const bytes = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    bytes.set(c, at);
    at += c.byteLength;
  }
  return bytes;
}

function requireBase(baseUrl: string | null | undefined): string {
  if (!baseUrl)
    throw new ImageFetchError('the image path is relative and no public URL is configured (DAOGOU_PUBLIC_URL)');
  return baseUrl;
}
