/** Once per test run: a folder for what test files share (the demo store template), removed at the end. */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The run's folder for the prepared demo store (test/helpers/demo-template.ts). */
    demoTemplateRoot: string;
  }
}

/** Makes the run's folder and hands it to the test files; returns its removal. */
export default function setup(project: TestProject): () => void {
  const root = mkdtempSync(path.join(os.tmpdir(), 'daogou-test-run-'));
  project.provide('demoTemplateRoot', root);
  return () => rmSync(root, { recursive: true, force: true });
}
