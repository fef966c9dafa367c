/** What every command shares: configuration from the environment and global flags, and the engine. */
import type { Command } from 'commander';
import { environmentWithFile } from '../config/config-file.js';
import { loadConfig, type Config } from '../config/config.js';
import { createEngine, type Engine } from '../engine/engine.js';

/** Global flags accepted by every command. */
export interface GlobalOptions {
  database?: string;
  dataDir?: string;
  config?: string;
}

/** Reads the configuration, applying global flags over the environment. */
export function configFrom(command: Command): Config {
  const globals = command.optsWithGlobals<GlobalOptions>();
  const file = globals.config ?? process.env.DAOGOU_CONFIG;
  const env = file ? environmentWithFile(file, process.env) : { ...process.env };
  if (globals.dataDir) env.DAOGOU_DATA_DIR = globals.dataDir;
  if (globals.database) env.DAOGOU_DATABASE_URL = globals.database;
  return loadConfig(env);
}

/** Opens the engine for a command, runs `work`, and always closes it. */
export async function withEngine<T>(
  command: Command,
  work: (engine: Engine) => Promise<T>,
  overrides: Partial<Config> = {},
): Promise<T> {
  const engine = await createEngine({ ...configFrom(command), ...overrides });
  try {
    return await work(engine);
  } finally {
    await engine.close();
  }
}
