/**
 * Real Daogou processes for fault tests and the scale benchmark: `serve --role api|worker` as child
 * processes (through tsx, so no build is needed, or dist/ when it is up to date), each on its own port,
 * killed or stopped by the caller.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { freePort } from './private-postgres.js';

const ROOT = path.resolve(import.meta.dirname, '../..');

/** One running `daogou serve` child. */
export interface DaogouProcess {
  child: ChildProcess;
  role: 'api' | 'worker' | 'all';
  /** http://127.0.0.1:<port> (api and all roles). */
  url: string;
  /** Resolves when the child has exited. */
  exited: Promise<void>;
  /** Sends SIGKILL and waits for the exit. */
  kill9(): Promise<void>;
  /** Sends SIGTERM and waits for the exit. */
  stop(): Promise<void>;
}

/** Options for {@link startDaogou}. */
export interface StartOptions {
  role: 'api' | 'worker' | 'all';
  databaseUrl: string;
  dataDir: string;
  /** Extra environment (DAOGOU_NOW, pool sizes …). */
  env?: Record<string, string>;
  /** Prefix for the child's stderr lines; silent when undefined. */
  label?: string;
  /** Run under `nice -n <n>`. */
  nice?: number;
  /** A command the process runs under, e.g. `['prlimit', '--fsize=1000000']`. */
  prefix?: string[];
  /**
   * Run the compiled dist/cli/main.js rather than the sources through tsx. Default: when dist/ was built after
   * every source file last changed (so it is the same program), as in CI, where `npm ci` has just built it.
   */
  compiled?: boolean;
  /** Flags for node itself (e.g. `--cpu-prof`). */
  nodeArgs?: string[];
  /** The tree to run (default this repository): a benchmark's baseline build. */
  root?: string;
}

let fresh: boolean | undefined;

/**
 * Whether this repository's dist/cli/main.js was built after the last change to any source file (src/ and the
 * package manifest). A tsx child spends several CPU-seconds more than a compiled one on every start, in each of
 * its worker threads too, and the fault tests start ~15 of them. Any doubt (no build, a newer source, a checkout
 * that touched the files) falls back to tsx, which always runs the sources as they are.
 */
function distIsFresh(): boolean {
  if (fresh !== undefined) return fresh;
  const built = path.join(ROOT, 'dist/cli/main.js');
  if (!existsSync(built)) return (fresh = false);
  const builtAt = statSync(built).mtimeMs;
  const sources = readdirSync(path.join(ROOT, 'src'), { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.join(e.parentPath, e.name));
  fresh = [...sources, path.join(ROOT, 'package.json')].every((file) => statSync(file).mtimeMs < builtAt);
  return fresh;
}

/** Starts a child and, for an API role, waits until /health answers. */
export async function startDaogou(options: StartOptions): Promise<DaogouProcess> {
  const port = await freePort();
  const compiled = options.compiled ?? (options.root === undefined && distIsFresh());
  const entry = compiled ? ['dist/cli/main.js'] : ['--import', 'tsx', 'src/cli/main.ts'];
  const args = [...entry, 'serve', '--role', options.role, '--port', String(port)];
  const wrapped = [
    ...(options.nice === undefined ? [] : ['nice', '-n', String(options.nice)]),
    ...(options.prefix ?? []),
    process.execPath,
    ...(options.nodeArgs ?? []),
    ...args,
  ];
  const [cmd, ...argv] = wrapped as [string, ...string[]];
  const child = spawn(cmd, argv, {
    cwd: options.root ?? ROOT,
    env: {
      ...process.env,
      DAOGOU_DATABASE_URL: options.databaseUrl,
      DAOGOU_DATA_DIR: options.dataDir,
      DAOGOU_LOG_LEVEL: 'warn',
      DAOGOU_RATE_LIMIT: '0',
      DAOGOU_RATE_LIMIT_PUBLIC: '0',
      DAOGOU_RETRAIN_HOURS: '0',
      ...options.env,
    },
    // The request log (pino) goes to stdout: shown with the label, else dropped.
    stdio: ['ignore', options.label ? 'pipe' : 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => {
    stderr = (stderr + d.toString()).slice(-4000);
    if (options.label) process.stderr.write(`[${options.label} ${child.pid}] ${d.toString()}`);
  });
  child.stdout?.on('data', (d: Buffer) => process.stderr.write(`[${options.label} ${child.pid}] ${d.toString()}`));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = `http://127.0.0.1:${port}`;
  const proc: DaogouProcess = {
    child,
    role: options.role,
    url,
    exited,
    async kill9() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    },
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
  if (options.role === 'worker') return proc;
  for (let i = 0; i < 600; i++) {
    if (child.exitCode !== null) throw new Error(`daogou serve exited with ${child.exitCode}: ${stderr}`);
    try {
      const res = await fetch(`${url}/health`);
      if (res.ok) return proc;
    } catch {
      // Not listening yet.
    }
    await sleep(100);
  }
  await proc.kill9();
  throw new Error(`daogou serve did not answer /health within a minute: ${stderr}`);
}
