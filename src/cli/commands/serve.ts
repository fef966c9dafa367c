/** `daogou serve`: the HTTP API (and, with --demo, a demo store loaded into an empty database). */
import { Command, Option } from 'commander';
import { lowerWorkerPriority } from '../../jobs/worker-priority.js';
import { startServer } from '../../server/start-server.js';
import { configFrom } from '../context.js';
import { serveBanner } from '../serve-banner.js';
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
        // The demo runs on a laptop for a look around; a real deployment keeps metrics behind a key.
        if (opts.demo && !process.env.DAOGOU_METRICS) config.metrics = 'open';
        if (opts.port !== undefined) {
          const port = Number(opts.port);
          if (!Number.isInteger(port) || port < 0 || port > 65535)
            throw new Error(`--port must be a port number, got "${opts.port}"`);
          config.port = port;
        }
        if (opts.host !== undefined) config.host = opts.host;
        // Before the engine opens, so the threads started afterwards (the training's) inherit it.
        const nice = config.role === 'worker' ? lowerWorkerPriority(config.workerNice) : undefined;
        const progress = opts.demo ? startProgress('loading demo store', 0, 'events') : undefined;
        const server = await startServer(config, {
          demo: Boolean(opts.demo),
          onDemoProgress: (done, total) => progress?.update(done, total),
          log: (m) => console.error(`[worker] ${m}`),
        });
        progress?.finish();
        const { engine, demo } = server;
        const shutdown = async (signal: string) => {
          console.error(`${signal}: shutting down`);
          await server.close();
          process.exit(0);
        };
        process.once('SIGINT', () => void shutdown('SIGINT'));
        process.once('SIGTERM', () => void shutdown('SIGTERM'));
        if (!server.app) {
          console.log(
            `Daogou worker ${server.workerId!} is running jobs (${server.jobs.join(', ') || 'none registered'}) at niceness ${nice ?? 0}; database: ${engine.store.displayUrl}`,
          );
          return;
        }
        const shown = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
        const base = `http://${shown}:${config.port}`;
        const lines = serveBanner(
          base,
          engine.store.displayUrl,
          // The sample customer's token, so the printed recommendation command shows a personal list.
          demo && {
            ...demo,
            customerToken: (await engine.identitySecret.issueToken(demo.sampleCustomerId, 86_400)).token,
          },
        );
        console.log(lines.join('\n'));
      },
    );
}
