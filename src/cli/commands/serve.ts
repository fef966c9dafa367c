/** `daogou serve`: the HTTP API (and, with --demo, a demo store loaded into an empty database). */
import { Command, Option } from 'commander';
import { trainIfNoModel } from '../../jobs/recommend-jobs.js';
import { SEARCH_REFRESH_JOB } from '../../jobs/search-jobs.js';
import { Worker } from '../../jobs/worker.js';
import { buildApp } from '../../server/app.js';
import { createEngine } from '../../engine/engine.js';
import { prepareDemo, type DemoInfo } from '../../engine/demo.js';
import { storefrontSettings } from '../../engine/storefront-settings.js';
import { configFrom } from '../context.js';
import { startProgress } from '../progress.js';

/** The serve command. */
export function serveCommand(): Command {
  return new Command('serve')
    .description('start the Daogou HTTP API')
    .option('-p, --port <port>', 'port to listen on (default: PORT or 7070)')
    .option('--host <host>', 'address to bind (default: DAOGOU_HOST or 127.0.0.1)')
    .option('--demo', 'on an empty database, first generate and load the demo store, and print demo keys')
    .addOption(
      new Option(
        '--role <role>',
        'all: API and background worker in one process; api or worker to split them (env DAOGOU_ROLE)',
      ).choices(['all', 'api', 'worker']),
    )
    .action(
      async (opts: { port?: string; host?: string; demo?: boolean; role?: 'all' | 'api' | 'worker' }, cmd: Command) => {
        const config = configFrom(cmd);
        if (opts.role) config.role = opts.role;
        // A newcomer's terminal should show where to look, not a JSON line per request.
        if (opts.demo && process.env.DAOGOU_LOG_LEVEL === undefined) config.logLevel = 'warn';
        if (opts.port !== undefined) {
          const port = Number(opts.port);
          if (!Number.isInteger(port) || port < 0 || port > 65535)
            throw new Error(`--port must be a port number, got "${opts.port}"`);
          config.port = port;
        }
        if (opts.host !== undefined) config.host = opts.host;
        const engine = await createEngine(config);
        // A long-running process: SQLite's checkpoints go to their own thread instead of stalling requests.
        await engine.store.upkeepInBackground();
        let demo: DemoInfo | undefined;
        if (opts.demo) {
          const progress = startProgress('loading demo store', 0, 'events');
          demo = await prepareDemo(engine, (done, total) => progress.update(done, total));
          progress.finish();
        }
        const worker =
          config.role === 'api'
            ? undefined
            : new Worker(engine.store, engine.jobs, engine.clock, { log: (m) => console.error(`[worker] ${m}`) });
        const storefront = storefrontSettings(engine, demo?.publicKey ?? config.storePublicKey, demo !== undefined);
        const app =
          config.role === 'worker'
            ? undefined
            : await buildApp(engine, { logger: { level: config.logLevel }, web: { dir: config.webDir, storefront } });
        const shutdown = async (signal: string) => {
          console.error(`${signal}: shutting down`);
          await app?.close();
          await worker?.stop();
          await engine.close();
          process.exit(0);
        };
        process.once('SIGINT', () => void shutdown('SIGINT'));
        process.once('SIGTERM', () => void shutdown('SIGTERM'));
        // Background work starts after the server listens, so the API is reachable before the first job.
        const startWorker = async () => {
          if (!worker) return;
          worker.start();
          // A store with events but no model yet (e.g. the demo just loaded) gets one trained right away.
          if (await trainIfNoModel(engine.jobs, engine.store))
            console.error('[worker] no recommendation model yet: training one in the background');
          // The demo's logged searches become autocomplete suggestions now rather than at the hourly refresh.
          if (demo) await engine.jobs.enqueue(SEARCH_REFRESH_JOB, {}, { singletonKey: SEARCH_REFRESH_JOB });
        };
        if (!app) {
          await startWorker();
          console.log(
            `Daogou worker ${worker!.id} is running jobs (${engine.jobs.names().join(', ') || 'none registered'}); database: ${engine.store.displayUrl}`,
          );
          return;
        }
        await app.listen({ port: config.port, host: config.host });
        const shown = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
        const base = `http://${shown}:${config.port}`;
        const lines = [
          '',
          `Daogou is running at ${base}  (database: ${engine.store.displayUrl})`,
          `  API docs      ${base}/docs`,
          `  OpenAPI       ${base}/openapi.json`,
          `  health        ${base}/health`,
          `  storefront    ${base}/store/`,
          `  console       ${base}/console/  (sign in with an admin key)`,
        ];
        if (demo) {
          lines.push(
            '',
            `Demo store: ${demo.summary}`,
            `  admin key     ${demo.adminKey}`,
            `  browser key   ${demo.publicKey}`,
            '  try:',
            `    curl -H "Authorization: Bearer ${demo.adminKey}" ${base}/v1/stats`,
            `    curl -H "Authorization: Bearer ${demo.adminKey}" ${base}/v1/items/${demo.sampleItemId}`,
            `    curl -H "Authorization: Bearer ${demo.adminKey}" "${base}/v1/customers/${demo.sampleCustomerId}/timeline?limit=5"`,
            `    curl -H "Authorization: Bearer ${demo.publicKey}" "${base}/v1/search?q=${encodeURIComponent('红色 连衣裙')}"`,
            `    curl -H "Authorization: Bearer ${demo.publicKey}" ${base}/v1/recommendations/customers/${demo.sampleCustomerId}`,
          );
        }
        console.log(lines.join('\n'));
        await startWorker();
      },
    );
}
