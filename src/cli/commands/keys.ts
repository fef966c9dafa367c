/** `daogou keys`: create, list and revoke API keys; print the identity secret. */
import { MAX_TOKEN_TTL_SECONDS } from '../../platform/index.js';
import { Command, Option } from 'commander';
import { KEY_SCOPES } from '../../platform/index.js';
import { withEngine } from '../context.js';

/** The keys command. */
export function keysCommand(): Command {
  const keys = new Command('keys').description('create, list and revoke API keys');
  keys
    .command('create')
    .description('create a key and print it (it is shown only once)')
    .addOption(new Option('--scope <scope>', 'what the key may do').choices([...KEY_SCOPES]).makeOptionMandatory())
    .requiredOption('--name <name>', 'a name to recognise the key by')
    .option('--json', 'print JSON')
    .action(async (opts: { scope: string; name: string; json?: boolean }, cmd: Command) => {
      await withEngine(cmd, async (engine) => {
        const { key, record } = await engine.keys.create(opts.name, opts.scope);
        if (opts.json) console.log(JSON.stringify({ key, id: record.id, scope: record.scope, name: record.name }));
        else console.log(`${key}\n\nscope ${record.scope}, id ${record.id}. Store it now: only its hash is kept.`);
      });
    });
  keys
    .command('list')
    .description('list keys (never their secrets)')
    .option('--json', 'print JSON')
    .action(async (opts: { json?: boolean }, cmd: Command) => {
      await withEngine(cmd, async (engine) => {
        const list = await engine.keys.list();
        if (opts.json) {
          console.log(JSON.stringify(list.map(({ keyHash: _h, ...k }) => k)));
          return;
        }
        for (const k of list) {
          const state = k.revokedAt ? `revoked ${new Date(k.revokedAt).toISOString()}` : 'active';
          console.log(`${k.prefix}…  ${k.scope.padEnd(7)} ${state.padEnd(32)} ${k.name}  (${k.id})`);
        }
        if (list.length === 0) console.log('no keys yet: daogou keys create --scope admin --name me');
      });
    });
  keys
    .command('revoke')
    .description('revoke a key by its id or prefix')
    .argument('<id-or-prefix>')
    .action(async (idOrPrefix: string, _opts: unknown, cmd: Command) => {
      await withEngine(cmd, async (engine) => {
        await engine.keys.revoke(idOrPrefix);
        console.log(`revoked ${idOrPrefix}`);
      });
    });
  keys
    .command('identity-secret')
    .description('print the secret your server signs customer tokens, merges and browser events with')
    .option('--json', 'print JSON')
    .addHelpText(
      'after',
      "\nSign a merge on your server: hex HMAC-SHA256(secret, `daogou:merge:v1\\n${customerId}\\n${anonymousId}\\n${signedAt}`), e.g. in Node.js\n  createHmac('sha256', secret).update(message).digest('hex')\nTokens and event signatures: docs/security.md.\nSet DAOGOU_IDENTITY_SECRET to choose the secret; otherwise one is generated and kept in the database.",
    )
    .action(async (opts: { json?: boolean }, cmd: Command) => {
      await withEngine(cmd, async (engine) => {
        const secret = await engine.identitySecret.get();
        const source = engine.config.identitySecret !== null ? 'DAOGOU_IDENTITY_SECRET' : 'database';
        if (opts.json) console.log(JSON.stringify({ secret, source }));
        else console.log(secret);
      });
    });
  keys
    .command('customer-token <customerId>')
    .description('issue a customer token: lets a browser key act for this customer (X-Customer-Token)')
    .option('--ttl <seconds>', 'how long it is valid', '86400')
    .option('--json', 'print JSON')
    .action(async (customerId: string, opts: { ttl: string; json?: boolean }, cmd: Command) => {
      const ttl = Number(opts.ttl);
      if (!Number.isInteger(ttl) || ttl < 60 || ttl > MAX_TOKEN_TTL_SECONDS)
        throw new Error(
          `--ttl must be a whole number of seconds from 60 to ${MAX_TOKEN_TTL_SECONDS}, got "${opts.ttl}"`,
        );
      await withEngine(cmd, async (engine) => {
        const { token, expiresAt } = await engine.identitySecret.issueToken(customerId, ttl);
        if (opts.json) console.log(JSON.stringify({ customerId, token, expiresAt: new Date(expiresAt).toISOString() }));
        else console.log(token);
      });
    });
  return keys;
}
