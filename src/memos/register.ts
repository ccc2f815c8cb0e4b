// Memos: the researcher's own writing about the project, a code or a document, as Markdown files
// under memos/. Opening a memo that does not exist yet creates it with a title; an existing
// memo is never written to.
import * as vscode from 'vscode';
import { registerCommand } from '../util/commands';
import type { StudyFeature } from '../study/register';
import { memoPath, memoTemplate, type MemoSubject } from '../core/memos/memos';
import { absolutePath } from '../core/storage/files';
import { readStudyFile, writeStudyFile } from '../core/storage/study-files';
import { pickCode } from '../ui/code-pick';
import { Swatches } from '../ui/swatches';

export function registerMemos(context: vscode.ExtensionContext, feature: StudyFeature): void {
  const { study } = feature;
  const swatches = new Swatches(context.globalStorageUri);

  const open = async (subject: MemoSubject, title: string): Promise<vscode.Uri | undefined> => {
    const current = study.current;
    if (!current) return undefined;
    const relative = memoPath(subject);
    // Checked like every study file: a document path from cases.yaml cannot lead a memo outside the study.
    if ((await readStudyFile(current.root, relative)) === undefined) await writeStudyFile(current.root, relative, memoTemplate(title));
    const uri = vscode.Uri.file(absolutePath(current.root, relative));
    await vscode.window.showTextDocument(uri, { preview: false });
    return uri;
  };


  context.subscriptions.push(
    registerCommand('gloss.openProjectMemo', () => open({ kind: 'project' }, vscode.l10n.t('Project memo'))),
    registerCommand('gloss.openCodeMemo', async (arg?: unknown) => {
      const codebook = study.current?.codebook;
      if (!codebook) return undefined;
      const a = (arg ?? {}) as { kind?: string; id?: string; codeId?: string };
      let codeId = a.kind === 'code' ? a.id : (a.codeId ?? undefined);
      if (codeId === undefined) codeId = (await pickCode(codebook, swatches, { title: vscode.l10n.t('Open the memo of…') }))?.code?.id;
      if (codeId === undefined) return undefined;
      return open({ kind: 'code', codeId }, codebook.has(codeId) ? codebook.pathLabel(codeId) : codeId);
    }),
    registerCommand('gloss.openDocumentMemo', async (arg?: unknown) => {
      const a = (arg ?? {}) as { kind?: string; path?: string; documentPath?: string };
      let documentPath = a.kind === 'document' ? a.path : a.documentPath;
      if (documentPath === undefined && arg instanceof vscode.Uri) documentPath = study.relativePathOf(arg);
      if (documentPath === undefined) {
        const editor = vscode.window.activeTextEditor;
        documentPath = editor ? study.relativePathOf(editor.document.uri) : undefined;
      }
      if (documentPath === undefined) {
        const paths = study.current?.documentPaths ?? [];
        documentPath = await vscode.window.showQuickPick(paths, { title: vscode.l10n.t('Open the memo of…') });
      }
      if (documentPath === undefined || documentPath.startsWith('memos/')) return undefined;
      return open({ kind: 'document', documentPath }, documentPath);
    }),
  );
}
