// Opening a hit at its place: the transcript in an editor with the hit selected and in view.
// Code points of the normalised text become editor offsets (a CRLF file counts \r\n as one).
import * as vscode from 'vscode';
import { TextIndex } from '../core/text/offsets';
import type { StudyService } from '../study/study-service';

/** The coding feature's command that protects a transcript just opened (see coding/protection.ts). */
const PROTECT_OPENED_COMMAND = 'gloss.protectOpenedTranscript';

export interface HitPlace {
  readonly path: string;
  readonly start: number;
  readonly end: number;
}

export async function openHit(study: StudyService, hit: HitPlace, options: { preview?: boolean; preserveFocus?: boolean } = {}): Promise<vscode.TextEditor | undefined> {
  const uri = study.uriOf(hit.path);
  if (!uri) return undefined;
  let document: vscode.TextDocument;
  try {
    document = await vscode.workspace.openTextDocument(uri);
  } catch {
    void vscode.window.showErrorMessage(vscode.l10n.t('Cannot open {0}: the file is missing.', hit.path));
    return undefined;
  }
  const editor = await vscode.window.showTextDocument(document, { preview: options.preview ?? true, preserveFocus: options.preserveFocus ?? false, viewColumn: vscode.ViewColumn.One });
  await vscode.commands.executeCommand(PROTECT_OPENED_COMMAND).then(undefined, () => undefined);
  const index = TextIndex.forEditorText(editor.document.getText());
  const clamp = (n: number) => index.toUnitOffset(Math.max(0, Math.min(n, index.codePointLength)));
  editor.selection = new vscode.Selection(editor.document.positionAt(clamp(hit.start)), editor.document.positionAt(clamp(hit.end)));
  editor.revealRange(editor.selection, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  return editor;
}
