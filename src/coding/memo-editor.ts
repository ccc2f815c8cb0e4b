// A coding's memo in a Markdown editor of its own: the file system `gloss-memo:` shows each memo
// as `gloss-memo:/<coder>/<document>/<codingId>/<code name>.md`. Reading gives the memo; saving
// writes it into the coder's codings file as it is on disk at that moment (through the coding
// writer when the transcript is open, else straight through the study), and an empty text removes
// it. When the coding is gone, the save is refused and the editor keeps its text.
import * as vscode from 'vscode';
import { stampModified } from '../core/codings/format';
import { coderSlug } from '../core/codings/paths';
import type { Coding } from '../core/model';
import type { StudyFeature } from '../study/register';
import type { OpenTranscripts } from './open-transcripts';
import type { CodingWriter } from './writer';

export const MEMO_SCHEME = 'gloss-memo';

interface MemoAddress {
  readonly coder: string;
  readonly documentPath: string;
  readonly codingId: string;
}

export function memoUri(coder: string, documentPath: string, codingId: string, codeName: string): vscode.Uri {
  const name = codeName.replace(/[\\/:*?"<>|\u0000-\u001f]/g, '_').trim() || 'memo';
  return vscode.Uri.from({ scheme: MEMO_SCHEME, path: `/${coderSlug(coder)}/${documentPath}/${encodeURIComponent(codingId)}/${name}.md` });
}

function addressOf(uri: vscode.Uri): MemoAddress {
  const parts = uri.path.split('/').slice(1);
  if (uri.scheme !== MEMO_SCHEME || parts.length < 4) throw vscode.FileSystemError.FileNotFound(uri);
  return { coder: parts[0], documentPath: parts.slice(1, -2).join('/'), codingId: decodeURIComponent(parts[parts.length - 2]) };
}

/** The memo as saved: line ends as LF, surrounding blank space dropped. */
export function memoOfText(text: string): string {
  return text.replace(/\r\n?/g, '\n').trim();
}

export function withMemo(coding: Coding, memo: string): Coding {
  const { memo: _old, ...rest } = coding;
  void _old;
  return memo === '' ? rest : { ...rest, memo };
}

export class CodingMemoFiles implements vscode.FileSystemProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<vscode.FileChangeEvent[]>();
  readonly onDidChangeFile = this.changed.event;
  /** Per memo: the text last seen and when it changed, so an editor reloads only on a change. */
  private readonly seen = new Map<string, { memo: string; mtime: number }>();
  private readonly subscriptions: vscode.Disposable[];

  constructor(
    private readonly feature: StudyFeature,
    private readonly transcripts: OpenTranscripts,
    private readonly writer: CodingWriter,
  ) {
    // A memo changed elsewhere (another command, the file on disk): open memo editors that are
    // not being edited show it.
    const refresh = () => {
      const changed = vscode.workspace.textDocuments.filter((d) => d.uri.scheme === MEMO_SCHEME && this.seen.has(d.uri.toString()) && this.seen.get(d.uri.toString())!.memo !== this.memoNow(d.uri));
      if (changed.length > 0) this.changed.fire(changed.map((d) => ({ type: vscode.FileChangeType.Changed, uri: d.uri })));
    };
    this.subscriptions = [feature.study.onDidChange(refresh), transcripts.onDidChange((e) => e.kind === 'written' && refresh())];
  }

  dispose(): void {
    this.subscriptions.forEach((s) => s.dispose());
    this.changed.dispose();
  }

  /** The coding as the editor (an open transcript) or else the study knows it now. */
  private coding({ documentPath, codingId }: MemoAddress): Coding | undefined {
    const state = this.transcripts.byPath(documentPath)?.tracked.stateOf(codingId);
    if (state) return state.kind === 'live' ? state.coding : state.orphan.coding;
    return this.feature.study.visibleCodingsOf(documentPath).find((c) => c.id === codingId);
  }

  private memoNow(uri: vscode.Uri): string | undefined {
    const coding = this.coding(addressOf(uri));
    return coding && (coding.memo ?? '');
  }

  stat(uri: vscode.Uri): vscode.FileStat {
    // The folders above a memo (VS Code looks at them before it writes a file).
    if (!uri.path.endsWith('.md')) return { type: vscode.FileType.Directory, ctime: 0, mtime: 0, size: 0 };
    const coding = this.coding(addressOf(uri));
    if (!coding) throw vscode.FileSystemError.FileNotFound(uri);
    const memo = coding.memo ?? '';
    const key = uri.toString();
    let seen = this.seen.get(key);
    if (seen?.memo !== memo) this.seen.set(key, (seen = { memo, mtime: Math.max(Date.now(), (seen?.mtime ?? 0) + 1) }));
    return { type: vscode.FileType.File, ctime: 0, mtime: seen.mtime, size: Buffer.byteLength(memo) };
  }

  readFile(uri: vscode.Uri): Uint8Array {
    const coding = this.coding(addressOf(uri));
    if (!coding) throw vscode.FileSystemError.FileNotFound(uri);
    return Buffer.from(coding.memo ?? '', 'utf8');
  }

  async writeFile(uri: vscode.Uri, content: Uint8Array): Promise<void> {
    const address = addressOf(uri);
    const coder = this.feature.study.coder;
    if (coderSlug(coder) !== address.coder) {
      throw vscode.FileSystemError.NoPermissions(vscode.l10n.t('This memo is of a coding by another coder (you are {0}): each coder writes only their own codings.', coder));
    }
    const gone = vscode.l10n.t('The coding of this memo is no longer in your codings file: the memo was not saved and stays in this editor.');
    const coding = this.coding(address);
    if (!coding) throw vscode.FileSystemError.Unavailable(gone);
    const memo = memoOfText(Buffer.from(content).toString('utf8'));
    const change = (onDisk: readonly Coding[]): Coding[] => {
      // Gone from the file on disk since: nothing is written.
      if (!onDisk.some((c) => c.id === address.codingId)) throw new Error(gone);
      return onDisk.map((c) => (c.id === address.codingId ? withMemo(c, memo) : c));
    };
    const codeId = coding.code;
    const label = vscode.l10n.t('Memo of the coding “{0}”', this.feature.study.current?.codebook.pathLabel(codeId) || codeId);
    const transcript = this.transcripts.byPath(address.documentPath);
    if (transcript) {
      // The writer has told the user why; the editor keeps its text, unsaved.
      if (!(await this.writer.write(transcript, { label, change, rollback: () => undefined }))) throw vscode.FileSystemError.Unavailable(vscode.l10n.t('The memo was not saved; it stays in this editor.'));
      return;
    }
    const study = this.feature.study.current;
    if (!study) throw vscode.FileSystemError.Unavailable(vscode.l10n.t('No study is open.'));
    try {
      const modified = new Date().toISOString();
      await this.feature.study.history.record(label, () => study.updateCodings(coder, address.documentPath, (onDisk) => stampModified(onDisk, change(onDisk), modified)));
    } catch (error) {
      throw vscode.FileSystemError.Unavailable(error instanceof Error ? error.message : String(error));
    }
    this.feature.study.notify({ kind: 'codings', documentPath: address.documentPath });
  }

  watch(): vscode.Disposable {
    return new vscode.Disposable(() => undefined);
  }

  readDirectory(): [string, vscode.FileType][] {
    return [];
  }

  createDirectory(uri: vscode.Uri): void {
    throw vscode.FileSystemError.NoPermissions(uri);
  }

  delete(uri: vscode.Uri): void {
    throw vscode.FileSystemError.NoPermissions(uri);
  }

  rename(uri: vscode.Uri): void {
    throw vscode.FileSystemError.NoPermissions(uri);
  }
}
