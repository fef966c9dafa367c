/** `daogou connectors`: connect a Shopify or WooCommerce store, import its history, see its state, disconnect it. */
import { Command, Option } from 'commander';
import { ValidationError } from '../../domain/index.js';
import type { ConnectorInput, ConnectorView } from '../../connectors/index.js';
import { enqueueConnectorSync } from '../../jobs/connector-jobs.js';
import type { Config } from '../../config/config.js';
import { withEngine } from '../context.js';
import { startProgress } from '../progress.js';

const when = (ms: number | null) => (ms === null ? '—' : new Date(ms).toISOString());

/** Where this deployment answers, so the webhook address can be pasted as printed. */
function serverUrl(config: Config): string {
  return (config.publicUrl ?? `http://${config.host === '0.0.0.0' ? '127.0.0.1' : config.host}:${config.port}`).replace(
    /\/+$/,
    '',
  );
}

function counts(c: Record<string, number>): string {
  const parts = Object.entries(c).map(([k, n]) => `${k} ${n.toLocaleString('en')}`);
  return parts.length > 0 ? parts.join(', ') : 'nothing read yet';
}

function line(c: ConnectorView): string {
  return `${c.id}  ${c.platform.padEnd(11)} ${c.sync.state.padEnd(7)} ${c.name}  (${counts(c.sync.counts)})`;
}

function printStatus(c: ConnectorView, server: string): void {
  const rows: [string, string][] = [
    ['id', c.id],
    ['platform', c.platform],
    ['name', c.name],
    ['store', c.baseUrl],
    [
      'credentials',
      Object.entries(c.credentials)
        .map(([k, v]) => `${k} ${v}`)
        .join(', '),
    ],
    ['webhooks to', `${server}${c.webhookPath}`],
    [
      'sync',
      c.sync.state +
        (c.sync.phase ? ` ${c.sync.state === 'failed' ? 'while reading' : 'reading'} ${c.sync.phase}` : ''),
    ],
    ['started', when(c.sync.startedAt)],
    ['finished', when(c.sync.finishedAt)],
    ['counts', counts(c.sync.counts)],
  ];
  for (const [label, value] of rows) console.log(`${label.padEnd(12)} ${value}`);
  if (c.sync.errors.length === 0) console.log(`${'errors'.padEnd(12)} none`);
  for (const e of c.sync.errors) console.log(`error        ${new Date(e.at).toISOString()}  ${e.message}`);
}

interface AddOptions {
  platform: 'shopify' | 'woocommerce';
  url: string;
  name?: string;
  token?: string;
  consumerKey?: string;
  consumerSecret?: string;
  webhookSecret?: string;
  json?: boolean;
}

/** The flags a platform does not use are refused, so a mistyped command never stores a half-right connection. */
function addInput(opts: AddOptions): ConnectorInput {
  const foreign =
    opts.platform === 'shopify'
      ? [opts.consumerKey !== undefined && '--consumer-key', opts.consumerSecret !== undefined && '--consumer-secret']
      : [opts.token !== undefined && '--token'];
  const wrong = foreign.filter((f): f is string => typeof f === 'string');
  if (wrong.length > 0)
    throw new ValidationError(wrong.map((field) => ({ field, message: `is not used by ${opts.platform}` })));
  return {
    platform: opts.platform,
    baseUrl: opts.url,
    ...(opts.name !== undefined ? { name: opts.name } : {}),
    ...(opts.token !== undefined ? { accessToken: opts.token } : {}),
    ...(opts.consumerKey !== undefined ? { consumerKey: opts.consumerKey } : {}),
    ...(opts.consumerSecret !== undefined ? { consumerSecret: opts.consumerSecret } : {}),
    ...(opts.webhookSecret !== undefined ? { webhookSecret: opts.webhookSecret } : {}),
  };
}

/** The connectors command. */
export function connectorsCommand(): Command {
  const connectors = new Command('connectors').description(
    'store connections (Shopify, WooCommerce): list, add, sync, status, update, remove',
  );
  connectors
    .command('list')
    .description('connected stores with their last synchronisation (credentials only by their last characters)')
    .option('--json', 'print JSON')
    .action(async (opts: { json?: boolean }, cmd: Command) => {
      await withEngine(cmd, async (engine) => {
        const list = await engine.connectors.stores.list();
        if (opts.json) return console.log(JSON.stringify(list, null, 2));
        if (list.length === 0) return console.log('no stores connected yet (daogou connectors add --help)');
        for (const c of list) console.log(line(c));
      });
    });
  connectors
    .command('add')
    .description('connect a store; prints where its webhooks go')
    .addOption(
      new Option('--platform <platform>', 'the store platform')
        .choices(['shopify', 'woocommerce'])
        .makeOptionMandatory(),
    )
    .requiredOption('--url <url>', 'the store: its myshopify.com domain, or the WordPress site for WooCommerce')
    .option('--name <name>', 'a name to recognise it by (default: the store’s host name)')
    .option('--token <token>', 'Shopify: the Admin API access token (shpat_…)')
    .option('--consumer-key <key>', 'WooCommerce: the REST API consumer key (ck_…)')
    .option('--consumer-secret <secret>', 'WooCommerce: the REST API consumer secret (cs_…)')
    .option(
      '--webhook-secret <secret>',
      'Shopify: the app’s API secret (it signs webhooks); WooCommerce: the webhooks’ secret (generated if absent)',
    )
    .option('--json', 'print JSON')
    .addHelpText(
      'after',
      '\nThen import the history with `daogou connectors sync <id>` and point the platform’s webhooks at the address printed.\nSee docs/connectors.md.',
    )
    .action(async (opts: AddOptions, cmd: Command) => {
      const input = addInput(opts);
      await withEngine(cmd, async (engine) => {
        const { connector, webhookSecret } = await engine.connectors.stores.create(input);
        const generated = input.webhookSecret === undefined;
        const hookUrl = `${serverUrl(engine.config)}${connector.webhookPath}`;
        if (opts.json)
          return console.log(
            JSON.stringify({ connector, webhookUrl: hookUrl, ...(generated ? { webhookSecret } : {}) }, null, 2),
          );
        console.log(`connected ${line(connector)}`);
        console.log(`webhooks to ${hookUrl}`);
        if (generated)
          console.log(`webhook secret ${webhookSecret}\n(shown once: paste it into the platform’s webhook settings)`);
        console.log(`import the history: daogou connectors sync ${connector.id}`);
      });
    });
  connectors
    .command('sync')
    .description('import the store’s history (products, customers, orders, abandoned checkouts) now')
    .argument('<connector>', 'its id, name, or the start of its id')
    .option('--background', 'queue the import for a running worker instead of running it here')
    .option('--json', 'print JSON')
    .action(async (ref: string, opts: { background?: boolean; json?: boolean }, cmd: Command) => {
      await withEngine(cmd, async (engine) => {
        const stores = engine.connectors.stores;
        const { id } = await stores.find(ref);
        if (opts.background) {
          const job = await enqueueConnectorSync(engine.jobs, stores, id);
          return console.log(opts.json ? JSON.stringify({ jobId: job.id }) : `queued as job ${job.id}`);
        }
        const progress = startProgress('importing', 0, 'records');
        try {
          const sync = await stores.sync(id, (_message, state) =>
            progress.update(Object.values(state.counts).reduce((a, b) => a + b, 0)),
          );
          progress.finish();
          if (opts.json) return console.log(JSON.stringify(sync, null, 2));
          console.log(`imported: ${counts(sync.counts)}`);
        } catch (error) {
          progress.finish();
          // The failure is kept on the connection too (connectors status shows it).
          throw new Error(`import failed: ${(error as Error).message}`);
        }
      });
    });
  connectors
    .command('status')
    .description('one store: its synchronisation, counts, webhook address and recent errors')
    .argument('<connector>', 'its id, name, or the start of its id')
    .option('--json', 'print JSON')
    .action(async (ref: string, opts: { json?: boolean }, cmd: Command) => {
      await withEngine(cmd, async (engine) => {
        const c = await engine.connectors.stores.find(ref);
        if (opts.json) return console.log(JSON.stringify(c, null, 2));
        printStatus(c, serverUrl(engine.config));
      });
    });
  connectors
    .command('update')
    .description('change a store’s name, address or credentials in place (its id and webhook address stay)')
    .argument('<connector>', 'its id, name, or the start of its id')
    .option('--url <url>', 'the store’s address')
    .option('--name <name>', 'a new name')
    .option('--token <token>', 'Shopify: the Admin API access token')
    .option('--consumer-key <key>', 'WooCommerce: the REST API consumer key')
    .option('--consumer-secret <secret>', 'WooCommerce: the REST API consumer secret')
    .option('--webhook-secret <secret>', 'the secret the platform signs webhooks with')
    .option('--json', 'print JSON')
    .action(async (ref: string, opts: Partial<AddOptions>, cmd: Command) => {
      const change = {
        ...(opts.url !== undefined ? { baseUrl: opts.url } : {}),
        ...(opts.name !== undefined ? { name: opts.name } : {}),
        ...(opts.token !== undefined ? { accessToken: opts.token } : {}),
        ...(opts.consumerKey !== undefined ? { consumerKey: opts.consumerKey } : {}),
        ...(opts.consumerSecret !== undefined ? { consumerSecret: opts.consumerSecret } : {}),
        ...(opts.webhookSecret !== undefined ? { webhookSecret: opts.webhookSecret } : {}),
      };
      if (Object.keys(change).length === 0)
        throw new ValidationError([{ field: 'options', message: 'nothing to change: give --url, --name, --token…' }]);
      await withEngine(cmd, async (engine) => {
        const stores = engine.connectors.stores;
        const updated = await stores.update((await stores.find(ref)).id, change);
        console.log(opts.json ? JSON.stringify(updated, null, 2) : `updated ${line(updated)}`);
      });
    });
  connectors
    .command('remove')
    .description('disconnect a store (what was imported stays; its webhooks are refused from now on)')
    .argument('<connector>', 'its id, name, or the start of its id')
    .action(async (ref: string, _opts: unknown, cmd: Command) => {
      await withEngine(cmd, async (engine) => {
        const c = await engine.connectors.stores.find(ref);
        await engine.connectors.stores.delete(c.id);
        console.log(`removed ${c.id} (${c.name})`);
      });
    });
  return connectors;
}
