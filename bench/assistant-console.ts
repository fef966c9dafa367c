/**
 * Assistant console benchmark: grouping the open questions (500 by default, the most the route reads; 2,000 shows how it grows) with
 * the inverted index against an all-pairs grouping in the same run, and the console's reads over HTTP on a
 * store with many logged turns (SQLite): the sessions page, the hand-off queue, one conversation, and the
 * grouped questions. `npm run bench -- assistant-console [--questions 2000] [--turns 50000] [--repeats 15]`
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { loadConfig } from '../src/config/config.js';
import { groupQuestions, questionKey } from '../src/assistant/index.js';
import { SAME_QUESTION } from '../src/assistant/review/question-groups.js';
import { createEngine } from '../src/engine/engine.js';
import { buildApp } from '../src/server/app.js';
import type { AssistantTurnRecord } from '../src/store/repositories/assistant-repository.js';
import { machineInfo, median, quantile, writeReport, type BenchRow } from './report.js';

function arg(args: string[], name: string, fallback: number): number {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
}

const STEMS = [
  '你们几点下班',
  '可以开发票吗',
  '支持花呗分期吗',
  '有没有实体店',
  '能寄到香港吗',
  '怎么联系客服',
  'where is your shop',
  'do you ship to canada',
  'can i pay with paypal',
  'tell me a joke',
  "what's the weather today",
  'do you have a loyalty card',
];
const TAILS = ['', '？', '呀', '啊', ' please', '?', '!!', ' 呢', ' thanks'];
const PREFIXES = ['', '请问', '你好，', 'hi ', 'hey, ', '想问下'];

/** Seeded questions: the stems reworded, plus one-off questions that group with nothing. */
function questions(n: number): Array<{ id: string; text: string; at: number }> {
  let s = 7;
  const next = () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0), s / 4294967296);
  return Array.from({ length: n }, (_, i) => {
    const oneOff = next() < 0.3;
    const text = oneOff
      ? `question ${Math.floor(next() * 1e6).toString(36)} ${Math.floor(next() * 1e6).toString(36)}`
      : `${PREFIXES[Math.floor(next() * PREFIXES.length)]}${STEMS[Math.floor(next() * STEMS.length)]}${TAILS[Math.floor(next() * TAILS.length)]}`;
    return { id: `q${i}`, text, at: i };
  });
}

/** The baseline: each distinct wording against every group so far (no index). */
function allPairs(input: ReadonlyArray<{ text: string }>): number {
  const bigrams = (k: string) => {
    const c = Array.from(k);
    const out = new Set<string>();
    for (let i = 0; i + 1 < c.length; i++) out.add(c[i]! + c[i + 1]!);
    return out;
  };
  const keys = [...new Set(input.map((q) => questionKey(q.text)).filter(Boolean))];
  const groups: Array<Set<string>> = [];
  for (const k of keys) {
    const g = bigrams(k);
    const hit = groups.some((other) => {
      let common = 0;
      for (const x of g) if (other.has(x)) common++;
      return (2 * common) / (g.size + other.size) >= SAME_QUESTION;
    });
    if (!hit) groups.push(g);
  }
  return groups.length;
}

function timeIt(repeats: number, work: () => unknown): number[] {
  const out: number[] = [];
  for (let r = 0; r < repeats; r++) {
    const t0 = performance.now();
    work();
    out.push(performance.now() - t0);
  }
  return out;
}

/** Runs the benchmark. */
export default async function run(args: string[]): Promise<void> {
  const nQuestions = arg(args, 'questions', 500);
  const nTurns = arg(args, 'turns', 50_000);
  const repeats = arg(args, 'repeats', 15);
  const rows: BenchRow[] = [];
  const load = os.loadavg()[0]!;

  const qs = questions(nQuestions);
  const indexed = timeIt(repeats, () => groupQuestions(qs));
  const naive = timeIt(repeats, () => allPairs(qs));
  const groups = groupQuestions(qs).length;
  rows.push({
    work: `group ${nQuestions} questions (inverted index)`,
    'median ms': median(indexed),
    'p95 ms': quantile(indexed, 0.95),
    note: `${groups} groups`,
  });
  rows.push({
    work: `group ${nQuestions} questions (all pairs, baseline)`,
    'median ms': median(naive),
    'p95 ms': quantile(naive, 0.95),
    note: `${(median(naive) / median(indexed)).toFixed(1)}× the indexed time`,
  });

  const dir = mkdtempSync(path.join(os.tmpdir(), 'daogou-bench-asst-console-'));
  const now = Date.UTC(2026, 10, 1, 12);
  try {
    const engine = await createEngine(
      { ...loadConfig({}), dataDir: dir, databaseUrl: `sqlite:${path.join(dir, 'daogou.db')}`, now },
      () => now,
    );
    const app = await buildApp(engine);
    const admin = (await engine.keys.create('bench', 'admin')).key;
    const t0 = performance.now();
    const outcomes: AssistantTurnRecord['outcome'][] = ['answered', 'answered', 'answered', 'unanswered', 'handoff'];
    for (let start = 0; start < nTurns; start += 2000) {
      await engine.store.transaction(async (repos) => {
        for (let i = start; i < Math.min(nTurns, start + 2000); i++) {
          const outcome = outcomes[i % outcomes.length]!;
          await repos.assistant.addTurn({
            id: `t${String(i).padStart(7, '0')}`,
            sessionId: `s${Math.floor(i / 4)}`,
            customerId: null,
            anonymousId: `a${Math.floor(i / 4)}`,
            text: qs[i % qs.length]!.text,
            reply: 'reply',
            intent: outcome === 'handoff' ? 'complaint' : outcome === 'unanswered' ? 'out_of_scope' : 'find',
            slots: {},
            itemIds: [],
            outcome,
            createdAt: now - (nTurns - i) * 1000,
            confidence: outcome === 'answered' && i % 7 === 0 ? 0.4 : 0.9,
          });
        }
      });
    }
    const loadMs = performance.now() - t0;
    const reads: Array<[string, string]> = [
      ['GET /v1/assistant/sessions?limit=50', '/v1/assistant/sessions?limit=50'],
      ['GET /v1/assistant/sessions?intent=complaint&limit=50', '/v1/assistant/sessions?intent=complaint&limit=50'],
      [
        'GET /v1/assistant/turns?outcome=handoff&status=open',
        '/v1/assistant/turns?outcome=handoff&status=open&limit=50',
      ],
      ['GET /v1/assistant/turns?sessionId=…', `/v1/assistant/turns?sessionId=s${Math.floor(nTurns / 8)}`],
      ['GET /v1/assistant/questions (500 read)', '/v1/assistant/questions?limit=50'],
    ];
    for (const [label, url] of reads) {
      const times: number[] = [];
      for (let r = 0; r < repeats; r++) {
        const t = performance.now();
        const res = await app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${admin}` } });
        times.push(performance.now() - t);
        if (res.statusCode !== 200) throw new Error(`${url}: HTTP ${res.statusCode} ${res.body}`);
      }
      rows.push({
        work: `${label} over ${nTurns} turns`,
        'median ms': median(times),
        'p95 ms': quantile(times, 0.95),
        note: 'SQLite, in-process inject',
      });
    }
    await app.close();
    await engine.close();
    writeReport('assistant-console', rows, {
      questions: nQuestions,
      turns: nTurns,
      repeats,
      loadAverage1m: load,
      turnLoadMs: loadMs,
      machine: machineInfo(),
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
