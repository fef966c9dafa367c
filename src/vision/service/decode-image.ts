/** Image decoding with sharp: any common format to a fixed-size RGB pixel grid. */
import sharp from 'sharp';
import { ValidationError } from '../../domain/index.js';

/** Decoded pixels: `width × height × 3` bytes, row-major RGB. */
export interface RgbImage {
  width: number;
  height: number;
  data: Uint8Array;
}

/** The most bytes an uploaded or fetched image may have (20 MiB). */
export const MAX_IMAGE_BYTES = 20 * 1024 * 1024;

// Decoding is done in libvips' own threads; one is enough per call and keeps a shared machine calm.
sharp.concurrency(1);

/**
 * Decodes an image and fits it into a `size × size` square, by default without cropping (white letterbox)
 * so that long and short garments keep their shape; EXIF orientation is applied and transparency goes white.
 */
export async function decodeSquare(
  bytes: Uint8Array,
  size: number,
  field = 'image',
  fit: 'contain' | 'cover' = 'contain',
): Promise<RgbImage> {
  try {
    const { data, info } = await sharp(bytes, { failOn: 'error', limitInputPixels: 64_000_000 })
      .rotate()
      .resize(size, size, { fit, background: { r: 255, g: 255, b: 255 }, kernel: 'linear' })
      .flatten({ background: { r: 255, g: 255, b: 255 } })
      .removeAlpha()
      .toColourspace('srgb')
      .raw()
      .toBuffer({ resolveWithObject: true });
    return { width: info.width, height: info.height, data: new Uint8Array(data.buffer, data.byteOffset, data.length) };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new ValidationError([{ field, message: `not a readable image (${reason})` }]);
  }
}
