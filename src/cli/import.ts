// `gloss import <file.qdpx|file.qdc> <folder>`: a REFI-QDA project into a new study folder, or a
// codebook merged into the study in the folder (a new study when the folder is empty).
import * as path from 'node:path';
import { ArchiveError } from '../core/refi/archive';
import { ImportError, importQdpx } from '../core/refi/import-project';
import { IMPORT_REPORT_FILE } from '../core/refi/import-report';
import { count } from '../core/text/count';
import { importQdc } from '../core/refi/merge-codebook';
import { XmlError } from '../core/refi/xml';
import { CodebookEditError } from '../core/codebook/errors';
import { WriteRefusedError } from '../core/storage/update';
import { EXIT_FINDING, EXIT_SUCCESS, InputError } from './input-error';

/** Exit code 1 when something was not imported as it was (listed in the report). */
export async function importCommand(file: string, folder: string, write: (text: string) => void, warn: (line: string) => void): Promise<number> {
  try {
    if (/\.qdc$/i.test(file)) {
      const { created, result } = await importQdc(file, folder);
      write(`${created ? 'Created a study in' : 'Merged into the codebook of'} ${folder}: ${result.added.length} codes added, ${result.matchedByGuid} matched by GUID, ${result.matchedByPath} by name.\n`);
      for (const finding of result.findings) warn(`${finding.subject} ${finding.message}`);
      return result.findings.length > 0 ? EXIT_FINDING : EXIT_SUCCESS;
    }
    const report = await importQdpx(file, folder);
    write(
      `Imported ${path.basename(file)} into ${folder}: ${count(report.codes, 'code')}, ${count(report.transcripts.length, 'transcript')}, ` +
        `${count(report.codings, 'coding')} by ${count(report.coders.length, 'coder')}, ${count(report.cases, 'case')}, ${count(report.memos, 'memo')}.\n`,
    );
    if (report.findings.length > 0) warn(`${count(report.findings.length, 'thing')} ${report.findings.length === 1 ? 'was' : 'were'} not imported as ${report.findings.length === 1 ? 'it was' : 'they were'}: see ${path.join(folder, IMPORT_REPORT_FILE)}.`);
    return report.findings.length > 0 ? EXIT_FINDING : EXIT_SUCCESS;
  } catch (error) {
    if (error instanceof ImportError || error instanceof ArchiveError || error instanceof XmlError || error instanceof CodebookEditError || error instanceof WriteRefusedError) {
      throw new InputError(error.message);
    }
    throw error;
  }
}
