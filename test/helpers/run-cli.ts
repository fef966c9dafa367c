/** Runs the CLI in-process and captures what it prints and its exit code. */
import { vi } from 'vitest';
import { runCli } from '../../src/cli/main.js';
import { TEST_NOW } from './test-time.js';

/** The outcome of one CLI run. */
export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `daogou <args>` at TEST_NOW (through DAOGOU_NOW) and returns its output; never exits the test process. */
export async function runDaogou(args: string[]): Promise<CliRun> {
  const nowBefore = process.env.DAOGOU_NOW;
  process.env.DAOGOU_NOW = new Date(TEST_NOW).toISOString();
  const out: string[] = [];
  const err: string[] = [];
  const log = vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void out.push(a.join(' ')));
  const error = vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => void err.push(a.join(' ')));
  const stdoutWrite = vi
    .spyOn(process.stdout, 'write')
    .mockImplementation((chunk: string | Uint8Array) => (out.push(String(chunk)), true));
  const stderrWrite = vi
    .spyOn(process.stderr, 'write')
    .mockImplementation((chunk: string | Uint8Array) => (err.push(String(chunk)), true));
  const before = process.exitCode;
  process.exitCode = 0;
  try {
    await runCli(['node', 'daogou', ...args]);
    return { code: Number(process.exitCode ?? 0), stdout: out.join('\n'), stderr: err.join('\n') };
  } finally {
    process.exitCode = before;
    if (nowBefore === undefined) delete process.env.DAOGOU_NOW;
    else process.env.DAOGOU_NOW = nowBefore;
    log.mockRestore();
    error.mockRestore();
    stdoutWrite.mockRestore();
    stderrWrite.mockRestore();
  }
}
