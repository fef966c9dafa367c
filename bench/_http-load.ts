/** Runs the HTTP benchmarks' load generator (bench/_http-load-client.ts) in a child process and returns its figures. */
import { fork } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** One load run: where, how long, how many connections, and what each request varies. */
export interface LoadConfig {
  url: string;
  method?: 'GET' | 'POST';
  headers: Record<string, string>;
  seconds: number;
  connections: number;
  /** Request bodies, one per request in turn. */
  bodies?: string[];
  /** A path with `{id}`, filled with `ids` in turn. */
  pathTemplate?: string;
  ids?: string[];
}

/** What autocannon measured. */
export interface LoadResult {
  rps: number;
  total: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
  errors: number;
  timeouts: number;
  non2xx: number;
}

const client = path.join(path.dirname(fileURLToPath(import.meta.url)), '_http-load-client.ts');

/** Runs the load generator in a child process (so it does not share the server's event loop). */
export function runLoad(config: LoadConfig): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const child = fork(client, [], { execArgv: ['--import', 'tsx'] });
    child.send(config);
    child.once('message', (m) => resolve(m as LoadResult));
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? undefined : reject(new Error(`load generator exited with ${code}`))));
  });
}
