// Which open documents are the study's transcripts, and giving matching `.txt` files the
// Transcript language (speakers, timestamps and notes highlighted) when they open as plain text.
import * as vscode from 'vscode';
import type { StudyService } from '../study/study-service';

export const TRANSCRIPT_LANGUAGE = 'transcript';
const STUDY_FOLDERS = /^(codings|memos|matrices)\//;

export class TranscriptFiles {
  /**
   * Documents that have had (or are being given) the Transcript language. A language change keeps
   * the document object; closing and reopening the file gives a new one.
   */
  private readonly wasTranscript = new WeakSet<vscode.TextDocument>();
  /** Files (by URI) the user changed from Transcript to another language this session: theirs stays, also when reopened. */
  private readonly userLanguage = new Set<string>();

  constructor(private readonly study: StudyService) {}

  private patterns(): string[] {
    const root = this.study.current?.root;
    const configured = vscode.workspace.getConfiguration('gloss', root ? vscode.Uri.file(root) : undefined).get<string[]>('transcriptFiles', []);
    return configured.filter((p) => typeof p === 'string' && p.trim() !== '');
  }

  /** The document's path in the study when it is one of the study's transcripts. */
  transcriptPath(document: vscode.TextDocument): string | undefined {
    const study = this.study.current;
    if (!study || document.uri.scheme !== 'file') return undefined;
    const relative = this.study.relativePathOf(document.uri);
    if (relative === undefined || STUDY_FOLDERS.test(relative) || relative === 'codebook.yaml' || relative === 'cases.yaml') return undefined;
    if (document.languageId === TRANSCRIPT_LANGUAGE || this.matchesPatterns(document)) return relative;
    return study.documentPaths.includes(relative) ? relative : undefined;
  }

  private matchesPatterns(document: vscode.TextDocument): boolean {
    const root = this.study.current?.root;
    if (!root) return false;
    const base = vscode.Uri.file(root);
    return this.patterns().some((pattern) => vscode.languages.match({ pattern: new vscode.RelativePattern(base, pattern) }, document) > 0);
  }

  /**
   * Opens a matching `.txt` transcript as Transcript when it opened as plain text. VS Code closes
   * and reopens the document to change its language; resolves true when it did so.
   */
  async setLanguage(document: vscode.TextDocument): Promise<boolean> {
    if (!this.willSetLanguage(document)) return false;
    this.wasTranscript.add(document);
    try {
      await vscode.languages.setTextDocumentLanguage(document, TRANSCRIPT_LANGUAGE);
      return true;
    } catch (error) {
      this.study.log.warn(`Could not open ${document.uri.toString()} as a transcript: ${String(error)}`);
      return false;
    }
  }

  /** Takes note of every open event (also a language change): a Transcript document that now has another language was changed by the user. */
  noteLanguage(document: vscode.TextDocument): void {
    const key = document.uri.toString();
    if (document.languageId === TRANSCRIPT_LANGUAGE) {
      this.wasTranscript.add(document);
      this.userLanguage.delete(key);
    } else if (this.wasTranscript.has(document)) this.userLanguage.add(key);
  }

  /** Whether opening this document will change its language (so tracking waits for the reopen). */
  willSetLanguage(document: vscode.TextDocument): boolean {
    if (document.languageId !== 'plaintext' || this.wasTranscript.has(document) || this.userLanguage.has(document.uri.toString())) return false;
    return document.uri.path.endsWith('.txt') && this.matchesPatterns(document);
  }
}
