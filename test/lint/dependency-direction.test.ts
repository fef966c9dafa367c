/** The lint config enforces the direction of imports: a wrong import in a real source file fails lint. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '..', '..');
const RULE = 'daogou/dependency-direction';

/**
 * Lints `code` as if it were the file at `file`, with the repository's config less its type-aware rules: the
 * rule under test reads only import paths, and building the TypeScript program for the others is one
 * synchronous block of tens of seconds, long enough on a busy machine to starve vitest's worker RPC.
 */
async function lint(file: string, code: string): Promise<string[]> {
  const eslint = new ESLint({ cwd: root, overrideConfig: tseslint.configs.disableTypeChecked });
  const [result] = await eslint.lintText(code, { filePath: path.join(root, file) });
  return result!.messages.filter((m) => m.ruleId === RULE).map((m) => m.message);
}

/** The file's own text with one import added on top. */
function withImport(file: string, line: string): string {
  return `${line}\n${readFileSync(path.join(root, file), 'utf8')}`;
}

describe('lint: dependency direction (tools/architecture/layers.js)', { timeout: 240_000 }, () => {
  it('accepts the file as it is', async () => {
    const file = 'src/search/service/customer-affinities.ts';
    expect(await lint(file, readFileSync(path.join(root, file), 'utf8'))).toEqual([]);
  });

  it('fails a capability importing the server', async () => {
    const file = 'src/search/service/customer-affinities.ts';
    const code = withImport(file, "export { buildApp } from '../../server/app.js';");
    expect(await lint(file, code)).toEqual([
      'src/search/ may not import src/server/ (dependencies point one way: see docs/architecture.md)',
    ]);
  });

  it('fails a capability reaching past another capability front door', async () => {
    const file = 'src/search/service/customer-affinities.ts';
    const code = withImport(file, "export { preferences } from '../../customers/profile/profile-view.js';");
    expect(await lint(file, code)).toEqual(['import src/customers/ through its front door, src/customers/index.ts']);
  });

  it('fails the engine reaching past the connectors front door', async () => {
    const file = 'src/engine/engine.ts';
    const code = withImport(file, "export { SegmentIntake } from '../connectors/service/segment-intake.js';");
    expect(await lint(file, code)).toEqual(['import src/connectors/ through its front door, src/connectors/index.ts']);
  });

  it('fails the CLI and the server reaching past the vision and journeys front doors', async () => {
    const cli = 'src/cli/commands/vision.ts';
    expect(
      await lint(cli, withImport(cli, "export { ImageModel } from '../../vision/service/image-model.js';")),
    ).toEqual(['import src/vision/ through its front door, src/vision/index.ts']);
    const route = 'src/server/routes/assistant.ts';
    const code = withImport(route, "export { JourneyRunner } from '../../journeys/service/journey-runner.js';");
    expect(await lint(route, code)).toEqual(['import src/journeys/ through its front door, src/journeys/index.ts']);
  });

  it('fails the store importing upward and a service importing a dialect', async () => {
    const store = 'src/store/event-columns.ts';
    expect(await lint(store, withImport(store, "export type { Engine } from '../engine/engine.js';"))).toHaveLength(1);
    const tailer = 'src/customers/service/profile-tailer.ts';
    const messages = await lint(
      tailer,
      withImport(tailer, "export { sqliteAdapter } from '../../store/dialects/sqlite-adapter.js';"),
    );
    expect(messages).toEqual([
      'src/store/dialects/ is private: dialect differences live in the store; ask the Store or a repository, not the dialect',
    ]);
  });
});
