// `gloss changes` and `gloss codebook-diff`: the history of the analysis on the command line
// (src/core/history). Markdown by default, JSON with --json. Exit code 1 when some file could not
// be read (what it holds is then not in the list), 2 for bad input such as an unknown ref.
import * as path from 'node:path';
import { SideError } from '../core/agreement/sides';
import type { Problem } from '../core/model';
import { analysisChangesMarkdown, codeNamer } from '../core/history/changes-markdown';
import { changesSince } from '../core/history/changes-since';
import { codebookComparisonMarkdown, compareCodebooks } from '../core/history/codebook-history';
import { versionAt, WORKING_TREE, type StudyVersion } from '../core/history/versions';
import { EXIT_FINDING, EXIT_SUCCESS, InputError } from './input-error';
import { checkStudyFolder } from './study-input';

export async function changesCommand(studyFolder: string, options: { since: string; coder?: string; json: boolean }, write: (text: string) => void): Promise<number> {
  const root = path.resolve(studyFolder);
  await checkStudyFolder(root, studyFolder);
  const changes = await changesSince(root, await version(root, options.since), options.coder);
  if (options.json) {
    const name = codeNamer(changes);
    const { since, coder, codings, rebased, memos, codebook, problems } = changes;
    const coding = (c: (typeof codings)[number]['coding']) => ({ id: c.id, code: c.code, codeName: name(c.code), start: c.start, end: c.end, quote: c.quote, coder: c.coder, ...(c.memo ? { memo: c.memo } : {}) });
    const listed = codings.map((c) => ({ kind: c.kind, document: c.documentPath, coding: coding(c.coding), ...(c.before && c.kind !== 'removed' ? { before: coding(c.before) } : {}) }));
    write(`${JSON.stringify({ since: versionJson(since), coder: coder ?? null, codings: listed, rebased, memos, codebook, problems }, null, 2)}\n`);
  } else write(analysisChangesMarkdown(changes));
  return outcome(changes.problems);
}

export async function codebookDiffCommand(studyFolder: string, from: string, to: string | undefined, options: { json: boolean }, write: (text: string) => void): Promise<number> {
  const root = path.resolve(studyFolder);
  await checkStudyFolder(root, studyFolder);
  const comparison = await compareCodebooks(root, await version(root, from), to === undefined ? WORKING_TREE : await version(root, to));
  if (options.json) write(`${JSON.stringify({ ...comparison, from: versionJson(comparison.from), to: versionJson(comparison.to) }, null, 2)}\n`);
  else write(codebookComparisonMarkdown(comparison));
  return outcome(comparison.problems);
}


/** An unknown ref is bad input. */
async function version(root: string, ref: string): Promise<StudyVersion> {
  try {
    return await versionAt(root, ref);
  } catch (error) {
    if (error instanceof SideError) throw new InputError(error.message);
    throw error;
  }
}

const versionJson = (version: StudyVersion) => ({ ref: version.ref ?? null, commit: version.commit ?? null, label: version.label });

/** Errors kept something from being compared; warnings (a codebook's unknown key) did not. */
const outcome = (problems: readonly Problem[]) => (problems.some((problem) => problem.severity === 'error') ? EXIT_FINDING : EXIT_SUCCESS);
