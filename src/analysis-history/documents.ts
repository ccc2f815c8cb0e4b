// Read-only Markdown documents under the `gloss-history:` scheme, shown in the Markdown preview:
// the history reports are generated text, not files, and must not be saved or edited by mistake.
import * as vscode from 'vscode';

export const HISTORY_SCHEME = 'gloss-history';

/** Reports kept for reopening (a preview reloads its document); older ones are forgotten. */
const KEPT_REPORTS = 20;

export class HistoryDocuments implements vscode.TextDocumentContentProvider {
  private readonly reports = new Map<string, string>();
  private count = 0;

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.reports.get(uri.toString()) ?? `# ${vscode.l10n.t('This report is no longer available; run the command again.')}\n`;
  }

  /** Shows `markdown` in the Markdown preview under `title`; returns its URI. */
  async show(title: string, markdown: string): Promise<vscode.Uri> {
    this.count++;
    // The title becomes the tab's name; characters a path cannot hold are replaced.
    const uri = vscode.Uri.from({ scheme: HISTORY_SCHEME, path: `/${title.replace(/[/\\?#%*:|"<>]/g, '-')}.md`, query: String(this.count) });
    this.reports.set(uri.toString(), markdown);
    if (this.reports.size > KEPT_REPORTS) this.reports.delete(this.reports.keys().next().value as string);
    try {
      await vscode.commands.executeCommand('markdown.showPreview', uri);
    } catch {
      // Without the built-in Markdown extension, the Markdown text itself.
      await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri), { preview: true });
    }
    return uri;
  }
}
