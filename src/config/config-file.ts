/**
 * A configuration file as an alternative to environment variables: a JSON object whose keys are the
 * settings' names in camelCase (`databaseUrl` for DAOGOU_DATABASE_URL, `port` for PORT). The environment
 * wins over the file, and the file over the defaults. Unknown keys are refused by name, so a typo never
 * passes silently.
 */
import { readFileSync } from 'node:fs';
import { loadConfig } from './config.js';

/** The camelCase file key of an environment variable: DAOGOU_RATE_LIMIT_PUBLIC → rateLimitPublic. */
export function fileKeyOf(envName: string): string {
  const words = envName
    .replace(/^DAOGOU_/, '')
    .toLowerCase()
    .split('_');
  return words.map((w, i) => (i === 0 ? w : w.charAt(0).toUpperCase() + w.slice(1))).join('');
}

/** Every environment variable the configuration reads (recorded by reading it once from an empty environment). */
export function knownSettings(): string[] {
  const read = new Set<string>();
  const recorder = new Proxy<NodeJS.ProcessEnv>(
    {},
    {
      get: (_target, name) => {
        if (typeof name === 'string') read.add(name);
        return undefined;
      },
    },
  );
  loadConfig(recorder);
  return [...read];
}

/** The environment a configuration file describes, with the real environment laid over it. */
export function environmentWithFile(file: string, env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(`cannot read the configuration file ${file}: ${(error as Error).message}`);
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new Error(`the configuration file ${file} must hold a JSON object of settings`);
  }
  const byKey = new Map(knownSettings().map((name) => [fileKeyOf(name), name]));
  const fromFile: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(parsed as Record<string, unknown>)) {
    const envName = byKey.get(key);
    if (envName === undefined) {
      throw new Error(`unknown setting "${key}" in ${file}; known settings: ${[...byKey.keys()].sort().join(', ')}`);
    }
    if (value === null) continue;
    const text = settingText(value);
    if (text === undefined) throw new Error(`setting "${key}" in ${file} must be a string, number, boolean or list`);
    fromFile[envName] = text;
  }
  return { ...fromFile, ...env };
}

/** A setting's value as the environment would hold it; undefined when it is not a scalar or list of scalars. */
function settingText(value: unknown): string | undefined {
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) {
    const parts = value.map(settingText);
    return parts.every((p) => p !== undefined) ? parts.join(',') : undefined;
  }
  return undefined;
}
