// The codebook changes between two versions of a study (two refs, or a ref and the working tree),
// read through Git and listed for the user.
import type { Problem } from '../model';
import { escapeMarkdown } from '../retrieval/markdown';
import { CODEBOOK_FILE } from '../study/study';
import { codebookChanges, codebookChangesMarkdown, type CodebookChange } from './codebook-changes';
import { codebookAt, type StudyVersion } from './versions';

export interface CodebookComparison {
  readonly from: StudyVersion;
  readonly to: StudyVersion;
  readonly changes: readonly CodebookChange[];
  /** False when the codebook was missing or unreadable at one end: no changes are listed then. */
  readonly comparable: boolean;
  /** What kept the codebook from being read, or what it holds that was not loaded. */
  readonly problems: readonly Problem[];
}

export async function compareCodebooks(root: string, from: StudyVersion, to: StudyVersion): Promise<CodebookComparison> {
  const problems: Problem[] = [];
  const [before, after] = [await codebookAt(root, from, problems), await codebookAt(root, to, problems)];
  // Compared with a codebook that could not be read, every code would look added or removed.
  return { from, to, changes: before && after ? codebookChanges(before, after) : [], comparable: before !== undefined && after !== undefined, problems };
}

/** Problems as a Markdown list under a heading; nothing when there are none. */
export function problemsMarkdown(problems: readonly Problem[]): string {
  if (problems.length === 0) return '';
  const item = (p: Problem) => `- ${escapeMarkdown(`${p.file}${p.line === undefined ? '' : `:${p.line}`}`)}: ${escapeMarkdown(p.message)}\n`;
  return `\n## Problems\n\n${problems.map(item).join('')}`;
}

export function codebookComparisonMarkdown(comparison: CodebookComparison): string {
  const title = `# Codebook changes from ${escapeMarkdown(comparison.from.label)} to ${escapeMarkdown(comparison.to.label)}\n\n`;
  const body = !comparison.comparable ? `${CODEBOOK_FILE} could not be compared.\n` : codebookChangesMarkdown(comparison.changes);
  return title + body + problemsMarkdown(comparison.problems);
}
