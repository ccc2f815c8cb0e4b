// Code names beside the text ("coding stripes", as in NVivo), toggled by gloss.stripes.enabled:
// where each coded passage in view starts, a label with the code's own name (sibling sub-codes
// sharing their parent's colour are told apart by it), followed by the passage's highlight in the
// code's colour; with gloss.stripes.showCoders also the coder. A passage that began above the
// first visible line is labelled at that line's start, marked "↑". The labels are inlay hints:
// VS Code makes room for them when it wraps a transcript's long lines (decoration text would run
// past the window's edge and hide words) and asks for the visible lines only, again on scroll.
// Transcripts default to editor.inlayHints.maximumLength 0, so that several names on a line are
// not cut short.
import * as vscode from 'vscode';
import type { StudyFeature } from '../study/register';
import type { CodeDecorations } from './decorations';
import type { CodeFocus } from './focus';
import type { OpenTranscript, OpenTranscripts } from './open-transcripts';

const CONTINUED = '↑ ';

export interface StripeLine {
  readonly line: number;
  /** The labels of the passages starting on the line (or continuing from above it), in start order. */
  readonly labels: readonly string[];
  readonly codeIds: readonly string[];
}

/** A passage by lines, with what its label shows. */
interface Passage {
  readonly offset: number;
  readonly end: number;
  readonly start: vscode.Position;
  readonly endLine: number;
  readonly codeId: string;
  readonly label: string;
  readonly tooltip: vscode.MarkdownString;
}

interface Label {
  readonly line: number;
  readonly at: vscode.Position;
  readonly text: string;
  readonly passage: Passage;
}

/** Between the names of passages that start at the same place. */
export const STRIPE_SEPARATOR = ' ┃ ';

export class CodeStripes implements vscode.InlayHintsProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeInlayHints = this.changed.event;
  /** The passages of each transcript in start order, kept while nothing they depend on changed. */
  private readonly cache = new WeakMap<OpenTranscript, { key: string; codebook: unknown; passages: Passage[] }>();
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    private readonly feature: StudyFeature,
    private readonly transcripts: OpenTranscripts,
    private readonly focus: CodeFocus,
    decorations: CodeDecorations,
  ) {
    this.disposables.push(
      this.changed,
      vscode.languages.registerInlayHintsProvider({ scheme: 'file' }, this),
      // After the highlights, the names: codings, codebook, focus or blind coding changed.
      decorations.onDidRedraw(() => {
        if (this.enabled) this.changed.fire();
      }),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('gloss.stripes')) this.changed.fire();
      }),
    );
  }

  get enabled(): boolean {
    return vscode.workspace.getConfiguration('gloss').get<boolean>('stripes.enabled', false) === true;
  }

  /** Turns the labels on or off where the setting is set: the workspace's value if it has one, else the user's. */
  async toggle(): Promise<void> {
    const gloss = vscode.workspace.getConfiguration('gloss');
    const target = gloss.inspect('stripes.enabled')?.workspaceValue !== undefined ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global;
    await gloss.update('stripes.enabled', !this.enabled, target);
  }

  provideInlayHints(document: vscode.TextDocument, range: vscode.Range): vscode.InlayHint[] {
    // Passages starting at one place share one hint, their names parted by a bar, so overlapping
    // names do not run together; each name keeps its own tooltip.
    const hints: vscode.InlayHint[] = [];
    for (const label of this.labelsIn(document, [range])) {
      const part = new vscode.InlayHintLabelPart(label.text);
      part.tooltip = label.passage.tooltip;
      const last = hints[hints.length - 1];
      if (last && last.position.isEqual(label.at) && Array.isArray(last.label)) {
        last.label.push(new vscode.InlayHintLabelPart(STRIPE_SEPARATOR), part);
        continue;
      }
      const hint = new vscode.InlayHint(label.at, [part]);
      hint.paddingLeft = true;
      hint.paddingRight = true;
      hints.push(hint);
    }
    return hints;
  }

  /** The labels of the lines an editor shows (for the test command). */
  describe(editor: vscode.TextEditor): StripeLine[] {
    const lines: StripeLine[] = [];
    for (const label of this.labelsIn(editor.document, editor.visibleRanges)) {
      const last = lines[lines.length - 1];
      if (last?.line === label.line) lines[lines.length - 1] = { line: label.line, labels: [...last.labels, label.text], codeIds: [...last.codeIds, label.passage.codeId] };
      else lines.push({ line: label.line, labels: [label.text], codeIds: [label.passage.codeId] });
    }
    return lines;
  }

  private labelsIn(document: vscode.TextDocument, ranges: readonly vscode.Range[]): Label[] {
    const transcript = this.transcripts.get(document);
    if (!this.enabled || !transcript) return [];
    const passages = this.passagesOf(transcript);
    const labels: Label[] = [];
    for (const range of ranges) {
      const first = range.start.line;
      const continued: Label[] = [];
      const starting: Label[] = [];
      for (const passage of passages) {
        if (passage.start.line > range.end.line) break;
        if (passage.start.line >= first) starting.push({ line: passage.start.line, at: passage.start, text: passage.label, passage });
        else if (passage.endLine >= first) continued.push({ line: first, at: new vscode.Position(first, 0), text: CONTINUED + passage.label, passage });
      }
      // Those from above come first on their line, before the passages starting there.
      labels.push(...continued, ...starting);
    }
    return labels;
  }

  private passagesOf(transcript: OpenTranscript): Passage[] {
    const codebook = this.feature.study.current?.codebook;
    const coders = vscode.workspace.getConfiguration('gloss').get<boolean>('stripes.showCoders', false) === true;
    const key = `${transcript.tracked.revision}\u0000${this.focus.chosen.join('\u0000')}\u0000${coders}`;
    const cached = this.cache.get(transcript);
    if (cached && cached.key === key && cached.codebook === codebook) return cached.passages;
    const document = transcript.document;
    const passages: Passage[] = [];
    for (const live of transcript.tracked.liveCodings()) {
      const code = codebook?.get(live.coding.code);
      if (!codebook || !code || live.end <= live.start || !this.focus.shows(live.coding.code)) continue;
      const tooltip = new vscode.MarkdownString();
      tooltip.supportHtml = true;
      if (code.colour && /^#[0-9a-f]{6}$/i.test(code.colour)) tooltip.appendMarkdown(`<span style="color:${code.colour};">■</span> `);
      tooltip.appendText(`${codebook.path(code.id).map((c) => c.name).join(' › ')} · ${live.coding.coder}`);
      passages.push({
        offset: live.start,
        end: live.end,
        start: document.positionAt(live.start),
        endLine: document.positionAt(live.end).line,
        codeId: code.id,
        label: coders ? `${code.name} · ${live.coding.coder}` : code.name,
        tooltip,
      });
    }
    // As the lanes take them: by start, the longer (outer) passage first.
    passages.sort((a, b) => a.offset - b.offset || b.end - a.end);
    this.cache.set(transcript, { key, codebook, passages });
    return passages;
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}
