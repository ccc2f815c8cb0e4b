// "What changed" as Markdown for the user: a summary, a table per code, the codings per document,
// the memos and the codebook.
import type { Codebook } from '../codebook/codebook';
import { memoSubject } from '../memos/memos';
import { escapeMarkdown } from '../retrieval/markdown';
import { CODING_CHANGE_KINDS, type AnalysisChanges, type CodingChange, type CodingChangeKind } from './changes-since';
import { codebookChangesMarkdown } from './codebook-changes';
import { problemsMarkdown } from './codebook-history';

const QUOTE_LENGTH = 80;

const plural = (count: number, one: string, many = `${one}s`) => `${count} ${count === 1 ? one : many}`;

function shortQuote(quote: string): string {
  const flat = quote.replace(/\s+/g, ' ').trim();
  const points = [...flat];
  return `“${escapeMarkdown(points.length > QUOTE_LENGTH ? `${points.slice(0, QUOTE_LENGTH - 1).join('')}…` : flat)}”`;
}

/** A code's path now, else as it was, else its id. */
export function codeNamer(changes: Pick<AnalysisChanges, 'codebookNow' | 'codebookThen'>): (id: string) => string {
  const named = (codebook: Codebook | undefined, id: string) => (codebook?.has(id) ? codebook.pathLabel(id) : undefined);
  return (id) => named(changes.codebookNow, id) ?? named(changes.codebookThen, id) ?? id;
}

/** "5 codings changed: 1 added, 1 removed, …"; "no coding changed" when none did. */
export function codingsSummary(codings: readonly CodingChange[]): string {
  const count = (kind: CodingChangeKind) => codings.filter((change) => change.kind === kind).length;
  const words: Record<CodingChangeKind, string> = { added: 'added', removed: 'removed', moved: 'moved', recoded: 'recoded', memo: 'with a changed memo' };
  const parts = CODING_CHANGE_KINDS.filter((kind) => count(kind) > 0).map((kind) => `${count(kind)} ${words[kind]}`);
  if (parts.length === 0) return 'no coding changed';
  return `${plural(codings.length, 'coding')} changed: ${parts.join(', ')}`;
}

function codingLine(change: CodingChange, name: (id: string) => string): string {
  const code = `**${escapeMarkdown(name(change.coding.code))}**`;
  const by = `(${escapeMarkdown(change.coding.coder)})`;
  const before = change.before!;
  switch (change.kind) {
    case 'added':
      return `Added ${code} ${by}: ${shortQuote(change.coding.quote)}`;
    case 'removed':
      return `Removed ${code} ${by}: ${shortQuote(change.coding.quote)}`;
    case 'moved':
      return `Moved ${code} ${by}: ${shortQuote(before.quote)} → ${shortQuote(change.coding.quote)}`;
    case 'recoded':
      return `Recoded from **${escapeMarkdown(name(before.code))}** to ${code} ${by}: ${shortQuote(change.coding.quote)}`;
    case 'memo':
      return `Changed the memo of ${code} ${by} on ${shortQuote(change.coding.quote)}: ${change.coding.memo ? shortQuote(change.coding.memo) : 'removed'}`;
  }
}

/** Per code: codings added, removed, moved, recoded to it, recoded away from it, memos changed. */
function byCodeTable(codings: readonly CodingChange[], name: (id: string) => string): string {
  const columns = ['Added', 'Removed', 'Moved', 'Recoded to it', 'Recoded from it', 'Memo changed'];
  const rows = new Map<string, number[]>();
  const add = (code: string, column: number) => {
    const key = name(code);
    const row = rows.get(key) ?? columns.map(() => 0);
    row[column]++;
    rows.set(key, row);
  };
  for (const change of codings) {
    const column = { added: 0, removed: 1, moved: 2, recoded: 3, memo: 5 }[change.kind];
    add(change.coding.code, column);
    if (change.kind === 'recoded') add(change.before!.code, 4);
  }
  const sorted = [...rows].sort(([a], [b]) => a.localeCompare(b));
  const line = (cells: string[]) => `| ${cells.join(' | ')} |\n`;
  return line(['Code', ...columns]) + line(['---', ...columns.map(() => '---:')]) + sorted.map(([code, counts]) => line([escapeMarkdown(code).replace(/\|/g, '\\|'), ...counts.map(String)])).join('');
}

function memoLine(path: string, name: (id: string) => string): string {
  const subject = memoSubject(path);
  const about =
    subject?.kind === 'project' ? 'the project memo' : subject?.kind === 'document' ? `memo of ${escapeMarkdown(subject.documentPath)}` : subject?.kind === 'code' ? `memo of the code **${escapeMarkdown(name(subject.codeId))}**` : undefined;
  return about ? `\`${path}\` (${about})` : `\`${path}\``;
}

export function analysisChangesMarkdown(changes: AnalysisChanges): string {
  const name = codeNamer(changes);
  const out: string[] = [`# What changed since ${escapeMarkdown(changes.since.label)}\n\n`];
  const whose = changes.coder === undefined ? 'every coder' : escapeMarkdown(changes.coder);
  out.push(`Codings of ${whose}, memos and the codebook in the working tree, compared with that commit: `);
  out.push(`${codingsSummary(changes.codings)}; ${plural(changes.memos.length, 'memo')} changed; ${plural(changes.codebook.length, 'codebook change')}.\n`);
  if (changes.rebased > 0) out.push(`\n${plural(changes.rebased, 'coding was', 'codings were')} only re-anchored on an edited transcript (same code, text and memo) and ${changes.rebased === 1 ? 'is' : 'are'} not listed.\n`);

  if (changes.codings.length > 0) {
    out.push(`\n## Codings by code\n\n${byCodeTable(changes.codings, name)}`);
    out.push('\n## Codings by document\n');
    let document: string | undefined;
    for (const change of changes.codings) {
      if (change.documentPath !== document) {
        document = change.documentPath;
        out.push(`\n### ${escapeMarkdown(document)}\n\n`);
      }
      out.push(`- ${codingLine(change, name)}\n`);
    }
  }
  if (changes.memos.length > 0) {
    const verb = { added: 'Added', changed: 'Changed', removed: 'Removed' };
    out.push(`\n## Memos\n\n${changes.memos.map((memo) => `- ${verb[memo.status]} ${memoLine(memo.path, name)}\n`).join('')}`);
  }
  if (changes.codebook.length > 0) out.push(`\n## Codebook\n\n${codebookChangesMarkdown(changes.codebook)}`);
  out.push(problemsMarkdown(changes.problems));
  return out.join('');
}
