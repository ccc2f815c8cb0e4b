// Whether a transcript can be coded: the core and the editor must read the same text from it.
// Checked when a transcript is opened or placed from disk; a refusal is shown in the Problems panel.
import * as vscode from 'vscode';
import type { Problem } from '../core/model';
import { isUtf8Encoding, readTranscript, transcriptTextProblem } from '../core/text/transcript-text';
import type { StudyService } from './study-service';

/**
 * The transcript's text (the editor's when it is open, else the file's), or the problem that keeps
 * it from being coded, which is also reported to the study service. Undefined text: no such file.
 */
export async function checkTranscript(
  service: StudyService,
  documentPath: string,
  document: vscode.TextDocument | undefined,
): Promise<{ text: string | undefined } | { problem: Problem }> {
  const root = service.current?.root;
  if (root === undefined) return { text: undefined };
  const fromDisk = await readTranscript(root, documentPath);
  let result = fromDisk;
  if (document && !('problem' in fromDisk)) {
    const problem = isUtf8Encoding(document.encoding)
      ? transcriptTextProblem(documentPath, document.getText())
      : { file: documentPath, message: `This transcript is open as ${document.encoding}, not UTF-8: Gloss does not code it. Reopen it with the UTF-8 encoding.`, severity: 'error' as const };
    result = problem ? { problem } : { text: document.getText() };
  }
  service.reportTranscriptProblem(documentPath, 'problem' in result ? result.problem : undefined);
  return result;
}
