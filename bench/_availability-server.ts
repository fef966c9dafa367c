/**
 * The server process of the availability benchmark. `thread`: `serve` as it ships (role all, jobs on their
 * own thread). `inline`: the previous all-in-one layout, for comparison — the API and a job worker on one
 * thread. Tells the parent its URL and worker id over IPC; closes on the message "stop".
 */
import { loadConfig } from '../src/config/config.js';
import { Worker } from '../src/jobs/worker.js';
import { startServer } from '../src/server/start-server.js';

const [mode, dir, databaseUrl] = process.argv.slice(2) as ['thread' | 'inline', string, string];
const config = {
  ...loadConfig({}),
  dataDir: dir,
  databaseUrl,
  role: mode === 'thread' ? ('all' as const) : ('api' as const),
  host: '127.0.0.1',
  port: 0,
  logLevel: 'warn',
  rateLimitMax: 0,
  rateLimitPublicMax: 0,
  retrainHours: 0,
};
const server = await startServer(config, { worker: { pollMs: 100 } });
let worker: Worker | undefined;
if (mode === 'inline') {
  worker = new Worker(server.engine.store, server.engine.jobs, server.engine.clock, { pollMs: 100 });
  worker.start();
}
process.send!({ url: server.url, workerId: worker?.id ?? server.workerId });
process.on('message', () => {
  void (async () => {
    await worker?.stop();
    await server.close();
    process.exit(0);
  })();
});
