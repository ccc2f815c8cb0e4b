// The Segments report as a document that shows its first lines at once: once the segments are
// retrieved, its heading and first segments are written, then the rest in chunks, each after the
// extension host has had its turn, so a report of thousands of segments never holds it up long.
// The text, once complete, is the core's report exactly.
import * as vscode from 'vscode';
import { segmentsReportParts, type ReportHeading } from '../core/retrieval/markdown';
import type { Segment } from '../core/retrieval/segments';

/** Parts (the heading, then one per segment) written per chunk. */
export const REPORT_CHUNK = 200;

export class ProgressiveReport implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;
  private text = '';
  /** Which build the text is of: a newer one stops an older one. */
  private build = 0;
  private firstChunk: Promise<void> = Promise.resolve();
  /** Why the last build failed, told to VS Code when it asks for the text. */
  private failure: unknown;
  /** For the tests: segments per chunk, and a gate the last chunk waits at. */
  chunkSize = REPORT_CHUNK;
  holdBeforeLast: Promise<void> | undefined;

  constructor(
    private readonly uri: vscode.Uri,
    private readonly input: () => Promise<{ segments: readonly Segment[]; heading: ReportHeading }>,
  ) {}

  dispose(): void {
    this.build++;
    this.changed.dispose();
  }

  /** Builds the report again; resolves once its first chunk is in the document. */
  refresh(): Promise<void> {
    const build = ++this.build;
    let shown!: () => void;
    this.firstChunk = new Promise<void>((resolve) => (shown = resolve));
    this.failure = undefined;
    void this.write(build, shown).catch((error: unknown) => {
      if (build === this.build) this.failure = error;
    });
    return this.firstChunk;
  }

  async provideTextDocumentContent(): Promise<string> {
    // Asked before any build (an editor restored with the window): built now.
    await (this.build === 0 ? this.refresh() : this.firstChunk);
    if (this.failure !== undefined) throw this.failure;
    return this.text;
  }

  private async write(build: number, shown: () => void): Promise<void> {
    try {
      const { segments, heading } = await this.input();
      const parts = segmentsReportParts(segments, heading);
      let pending = parts.next();
      let text: string | undefined;
      while (!pending.done) {
        const chunk: string[] = [];
        for (let n = 0; n < this.chunkSize && !pending.done; n++, pending = parts.next()) chunk.push(pending.value);
        if (pending.done && text !== undefined && this.holdBeforeLast) await this.holdBeforeLast;
        if (build !== this.build) return;
        text = text === undefined ? chunk.join('\n') : `${text}\n${chunk.join('\n')}`;
        this.text = text;
        this.changed.fire(this.uri);
        shown();
        if (!pending.done) await new Promise((resolve) => setImmediate(resolve));
      }
    } finally {
      shown();
    }
  }
}
