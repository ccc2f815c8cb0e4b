// Which recording each transcript is linked to (`media:` in cases.yaml), read from the file on
// disk whenever cases.yaml changes, and the `gloss.mediaLinked` context key for the active editor.
import { promises as fs } from 'node:fs';
import * as vscode from 'vscode';
import { CASES_FILE } from '../core/cases/cases';
import { mediaLinks } from '../core/cases/media';
import { readStudyFile } from '../core/storage/study-files';
import type { StudyService } from '../study/study-service';
import { setContext } from '../util/context';

export class MediaLinks implements vscode.Disposable {
  private links = new Map<string, string>();
  private linkedContext: boolean | undefined;
  private readonly disposables: vscode.Disposable[];

  constructor(private readonly study: StudyService) {
    this.disposables = [
      study.onDidChange((changes) => {
        if (changes.length === 0 || changes.some((c) => c.kind === 'cases')) void this.reload();
      }),
      vscode.window.onDidChangeActiveTextEditor(() => this.updateContext()),
    ];
    void this.reload();
  }

  /** Reads cases.yaml again (a file that cannot be read links nothing; the study reports why). */
  async reload(): Promise<void> {
    const root = this.study.current?.root;
    const text = root ? await readStudyFile(root, CASES_FILE).catch(() => undefined) : undefined;
    this.links = text === undefined ? new Map() : mediaLinks(text);
    this.updateContext();
  }

  entries(): IterableIterator<[string, string]> {
    return this.links.entries();
  }

  mediaOf(documentPath: string): string | undefined {
    return this.links.get(documentPath);
  }

  /** The study path of a transcript editor's document, when it is in the study. */
  documentPathOf(editor: vscode.TextEditor | undefined): string | undefined {
    return editor ? this.study.relativePathOf(editor.document.uri) : undefined;
  }

  private updateContext(): void {
    const documentPath = this.documentPathOf(vscode.window.activeTextEditor);
    const linked = documentPath !== undefined && this.links.has(documentPath);
    if (linked === this.linkedContext) return;
    this.linkedContext = linked;
    void setContext('gloss.mediaLinked', linked);
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}

/** Whether the file exists as a plain file (its path was checked against links by the caller). */
export async function isFile(file: string): Promise<boolean> {
  const stat = await fs.lstat(file).catch(() => undefined);
  return stat?.isFile() === true;
}
