// Writing REFI-QDA exports: a project (.qdpx) or the codebook alone (.qdc), to a file the user
// chose, atomically (a temporary file beside it, then a rename).
import type { Problem } from '../model';
import { renameOver, writeTemporaryBeside } from '../storage/files';
import { CODEBOOK_FILE, type Study } from '../study/study';
import { buildQdc } from './export-codebook';
import { buildRefiProject, RefiExportError, zipQdpx, type RefiCounts, type RefiExportOptions } from './export-project';

export interface RefiExportResult {
  readonly counts: RefiCounts;
  /** What was left out or changed, file by file. */
  readonly problems: readonly Problem[];
}

/** Exports the study as a .qdpx file. */
export async function exportQdpx(study: Study, outFile: string, options: RefiExportOptions): Promise<RefiExportResult> {
  const project = await buildRefiProject(study, options);
  await writeAtomic(outFile, zipQdpx(project));
  return { counts: project.counts, problems: project.problems };
}

/** Exports the study's codebook as a .qdc file. */
export async function exportQdc(study: Study, outFile: string, origin: string): Promise<RefiExportResult> {
  if (!study.codebookWritable) throw new RefiExportError(`${CODEBOOK_FILE} has errors; fix them before exporting.`);
  if (study.codebook.codes.length === 0) throw new RefiExportError('The codebook has no codes: a REFI-QDA codebook needs at least one.');
  const { xml, problems } = buildQdc(study.codebook, origin);
  await writeAtomic(outFile, Buffer.from(xml, 'utf8'));
  return { counts: { users: 0, codes: study.codebook.codes.length, sources: 0, selections: 0, cases: 0, variables: 0, notes: 0 }, problems };
}

async function writeAtomic(file: string, bytes: Uint8Array): Promise<void> {
  await renameOver(await writeTemporaryBeside(file, bytes), file, async () => true);
}
