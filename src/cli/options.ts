/** Checks of command-line option values shared by the commands: a bad value fails naming its flag. */
import { existsSync, statSync } from 'node:fs';
import { ValidationError } from '../domain/index.js';

/** The value as a whole number ≥ 1, or a ValidationError naming the flag. */
export function positiveInt(flag: string, value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1)
    throw new ValidationError([{ field: flag, message: `must be a positive integer, got "${value}"` }]);
  return n;
}

/** The path when it names an existing file, or a ValidationError naming the flag. */
export function existingFile(flag: string, value: string): string {
  if (!existsSync(value) || !statSync(value).isFile()) {
    throw new ValidationError([{ field: flag, message: `not a file: ${value}` }]);
  }
  return value;
}

/** The path when it names an existing folder, or a ValidationError naming the flag. */
export function existingFolder(flag: string, value: string): string {
  if (!existsSync(value) || !statSync(value).isDirectory()) {
    throw new ValidationError([{ field: flag, message: `not a folder: ${value}` }]);
  }
  return value;
}
