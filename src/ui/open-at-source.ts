// Opening a segment at its source: the transcript in an editor with the passage selected.
import * as vscode from 'vscode';
import { TextIndex } from '../core/text/offsets';
import type { StudyService } from '../study/study-service';

/**
 * Not in the Command Palette: run by every command that opens a transcript at a passage, before
 * it selects the passage (registered by src/coding/protection.ts). The transcript is protected
 * again unless the setting is off.
 */
export const PROTECT_OPENED_COMMAND = 'gloss.protectOpenedTranscript';

/** Where a segment is: its document and its span in code points of the current text. */
export interface SourceSpan {
  readonly documentPath: string;
  readonly start: number;
  readonly end: number;
}

export function isSourceSpan(value: unknown): value is SourceSpan {
  const v = value as Partial<SourceSpan> | undefined;
  return typeof v?.documentPath === 'string' && typeof v.start === 'number' && typeof v.end === 'number';
}

/**
 * Opens the document with the span selected and in view. Code points become editor offsets. The
 * transcript is protected (see coding/protection.ts) before the passage is selected, so no key
 * can replace it.
 */
export async function openAtSource(
  study: StudyService,
  source: SourceSpan,
  options: { preview?: boolean; preserveFocus?: boolean; viewColumn?: vscode.ViewColumn } = {},
): Promise<vscode.TextEditor | undefined> {
  const uri = study.uriOf(source.documentPath);
  if (!uri) return undefined;
  let document: vscode.TextDocument;
  try {
    document = await vscode.workspace.openTextDocument(uri);
  } catch {
    void vscode.window.showErrorMessage(vscode.l10n.t('Cannot open {0}: the file is missing.', source.documentPath));
    return undefined;
  }
  const editor = await vscode.window.showTextDocument(document, {
    preview: options.preview ?? true,
    preserveFocus: options.preserveFocus ?? false,
    ...(options.viewColumn === undefined ? {} : { viewColumn: options.viewColumn }),
  });
  await vscode.commands.executeCommand(PROTECT_OPENED_COMMAND).then(undefined, () => undefined);
  const index = TextIndex.forEditorText(editor.document.getText());
  const clamp = (n: number) => Math.max(0, Math.min(n, index.codePointLength));
  const start = editor.document.positionAt(index.toUnitOffset(clamp(source.start)));
  const end = editor.document.positionAt(index.toUnitOffset(clamp(source.end)));
  editor.selection = new vscode.Selection(start, end);
  editor.revealRange(editor.selection, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  return editor;
}
