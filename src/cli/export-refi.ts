// `gloss export qdpx|qdc <study> -o <file>`: the study as a REFI-QDA project or its codebook as a
// REFI-QDA codebook, as the editor's export commands write them (src/core/refi, docs/refi-qda.md).
// What was left out (orphans, codings of unknown codes, ...) goes to stderr, one line each, and
// makes the exit code 1; the file is written either way.
import * as path from 'node:path';
import { problemText } from '../core/model';
import { exportQdc, exportQdpx } from '../core/refi/export-files';
import { RefiExportError } from '../core/refi/export-project';
import { Study } from '../core/study/study';
import { GitAndSnapshotVersions } from '../core/study/versions';
import { checkStudyFolder } from './agreement';
import { EXIT_FINDING, EXIT_SUCCESS, InputError } from './input-error';

export type RefiFormat = 'qdpx' | 'qdc';

export async function exportRefiCommand(
  format: RefiFormat,
  studyFolder: string,
  outFile: string,
  origin: string,
  write: (text: string) => void,
  warn: (line: string) => void,
): Promise<number> {
  const root = path.resolve(studyFolder);
  await checkStudyFolder(root, studyFolder);
  const study = await Study.load(root);
  const file = path.resolve(outFile);
  try {
    const result =
      format === 'qdpx'
        ? await exportQdpx(study, file, { versions: new GitAndSnapshotVersions(root, undefined), origin })
        : await exportQdc(study, file, origin);
    for (const problem of result.problems) warn(problemText(problem));
    const { counts } = result;
    write(
      format === 'qdpx'
        ? `${outFile}: ${counts.selections} codings of ${counts.sources} documents, ${counts.codes} codes, ${counts.users} coders, ${counts.cases} cases, ${counts.notes} notes\n`
        : `${outFile}: ${counts.codes} codes\n`,
    );
    return result.problems.length === 0 ? EXIT_SUCCESS : EXIT_FINDING;
  } catch (error) {
    if (error instanceof RefiExportError) throw new InputError(error.message);
    throw error;
  }
}
