import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { PayloadTooLargeError, ValidationError } from '../domain/index.js';
import { saveUpload } from './upload-file.js';

describe('saveUpload', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'daogou-upload-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const chunks = (...parts: string[]) => Readable.from(parts.map((p) => Buffer.from(p)));

  it('writes the stream to the file and counts bytes and lines, with or without a final newline', async () => {
    const file = path.join(dir, 'a', 'x.csv');
    expect(await saveUpload(chunks('id,title\n1,', '一\n2,b'), file, 1000)).toEqual({
      path: file,
      bytes: 18,
      lines: 3,
    });
    expect(readFileSync(file, 'utf8')).toBe('id,title\n1,一\n2,b');
    expect((await saveUpload(chunks('a\n', 'b\n'), path.join(dir, 'b.csv'), 1000)).lines).toBe(2);
  });

  it('stops a stream over the limit mid-way and removes what was written', async () => {
    const file = path.join(dir, 'big.jsonl');
    await expect(saveUpload(chunks('x'.repeat(600), 'y'.repeat(600)), file, 1000)).rejects.toBeInstanceOf(
      PayloadTooLargeError,
    );
    expect(existsSync(file)).toBe(false);
  });

  it('refuses an empty body, naming it', async () => {
    const error = await saveUpload(chunks(), path.join(dir, 'empty.csv'), 1000).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).issues[0]?.field).toBe('body');
  });
});
