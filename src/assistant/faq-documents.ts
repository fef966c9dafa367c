/** Splits merchant FAQ documents into passages: Markdown by heading, CSV by row (question, answer columns). */
import { parse } from 'csv-parse/sync';

/** One passage: a heading or question, and its text. */
export interface FaqPassage {
  title: string;
  body: string;
}

/** Passages of a Markdown document, one per heading (text before the first heading is one more). */
export function markdownPassages(markdown: string): FaqPassage[] {
  const out: FaqPassage[] = [];
  let title = '';
  let body: string[] = [];
  const flush = (): void => {
    const text = body.join('\n').trim();
    if (text.length > 0 || title.length > 0)
      out.push({ title: title || text.split('\n')[0]!.slice(0, 80), body: text });
  };
  for (const line of markdown.split(/\r?\n/)) {
    const heading = /^#{1,6}\s+(.*)$/.exec(line);
    if (heading) {
      flush();
      title = heading[1]!.trim();
      body = [];
    } else body.push(line);
  }
  flush();
  return out.filter((p) => p.body.length > 0);
}

/** Passages of a CSV with a header naming a question column and an answer column. */
export function csvPassages(csv: string): FaqPassage[] {
  const rows: unknown = parse(csv, { bom: true, columns: true, skip_empty_lines: true, relax_column_count: true });
  const records = rows as Array<Record<string, string>>;
  const header = records[0] ? Object.keys(records[0]).map((h) => h.toLowerCase()) : [];
  const q = header.find((h) => ['question', 'title', '问题'].includes(h));
  const a = header.find((h) => ['answer', 'body', '答案', '回答'].includes(h));
  if (!q || !a) throw new Error('the FAQ CSV needs a "question" and an "answer" column');
  const key = (name: string): string => Object.keys(records[0]!).find((k) => k.toLowerCase() === name)!;
  return records
    .map((r) => ({ title: (r[key(q)] ?? '').trim(), body: (r[key(a)] ?? '').trim() }))
    .filter((p) => p.title.length > 0 && p.body.length > 0);
}
