// Code names beside the text ("coding stripes", as in NVivo), toggled by gloss.stripes.enabled:
// at the end of each visible line where a coded passage starts, one label per passage with the
// code's own name (sibling sub-codes sharing their parent's colour are told apart by it) in a chip
// of the code's colour, and with gloss.stripes.showCoders the coder's name. A passage that began
// above the first visible line is labelled there, marked "↑". Only visible lines are labelled,
// again after scrolling and after each redraw of the highlights: nothing runs per keystroke.
import * as vscode from 'vscode';
import type { StudyFeature } from '../study/register';
import type { CodeDecorations } from './decorations';
import type { CodeFocus } from './focus';
import type { OpenTranscript, OpenTranscripts } from './open-transcripts';

/** Scrolling fires many events: the labels follow once it pauses this long. */
const SCROLL_DELAY_MS = 40;
const CONTINUED = '↑ ';
const SPACE = '\u00a0';

export interface StripeLine {
  readonly line: number;
  /** The labels shown at the end of the line, left to right. */
  readonly labels: readonly string[];
  readonly codeIds: readonly string[];
}

/** A passage by lines, with what its label shows. */
interface Passage {
  readonly startLine: number;
  readonly endLine: number;
  readonly codeId: string;
  readonly label: string;
  readonly colour: string | undefined;
}

export class CodeStripes implements vscode.Disposable {
  private readonly type = vscode.window.createTextEditorDecorationType({ rangeBehavior: vscode.DecorationRangeBehavior.ClosedClosed });
  private readonly shown = new Map<vscode.TextEditor, StripeLine[]>();
  /** The passages of each transcript in start order, kept while nothing they depend on changed. */
  private readonly cache = new WeakMap<OpenTranscript, { key: string; codebook: unknown; passages: Passage[] }>();
  private readonly scrolled = new Set<vscode.TextEditor>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    private readonly feature: StudyFeature,
    private readonly transcripts: OpenTranscripts,
    private readonly focus: CodeFocus,
    decorations: CodeDecorations,
  ) {
    this.disposables.push(
      this.type,
      decorations.onDidRedraw(() => this.renderAll()),
      vscode.window.onDidChangeTextEditorVisibleRanges((e) => this.afterScroll(e.textEditor)),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('gloss.stripes')) this.renderAll();
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
    this.renderAll();
  }

  /** What an editor shows (for the test command). */
  describe(editor: vscode.TextEditor): readonly StripeLine[] {
    return this.shown.get(editor) ?? [];
  }

  private afterScroll(editor: vscode.TextEditor): void {
    if (!this.enabled) return;
    this.scrolled.add(editor);
    if (this.timer !== undefined) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      const editors = [...this.scrolled];
      this.scrolled.clear();
      for (const e of editors) this.render(e);
    }, SCROLL_DELAY_MS);
  }

  renderAll(): void {
    for (const editor of [...this.shown.keys()]) if (!vscode.window.visibleTextEditors.includes(editor)) this.shown.delete(editor);
    for (const editor of vscode.window.visibleTextEditors) this.render(editor);
  }

  private render(editor: vscode.TextEditor): void {
    const transcript = this.transcripts.get(editor.document);
    if (!this.enabled || !transcript) {
      if (this.shown.delete(editor)) editor.setDecorations(this.type, []);
      return;
    }
    const passages = this.passagesOf(transcript);
    const lines: StripeLine[] = [];
    const options: vscode.DecorationOptions[] = [];
    for (const visible of editor.visibleRanges) {
      const first = visible.start.line;
      const last = visible.end.line;
      const byLine = new Map<number, Passage[]>();
      for (const passage of passages) {
        if (passage.startLine > last) break;
        const line = passage.startLine >= first ? passage.startLine : passage.endLine >= first ? first : undefined;
        if (line === undefined) continue;
        const list = byLine.get(line) ?? [];
        list.push(passage);
        byLine.set(line, list);
      }
      for (const [line, list] of [...byLine].sort((a, b) => a[0] - b[0])) {
        const end = editor.document.lineAt(line).range.end;
        const labels = list.map((p) => (p.startLine < line ? CONTINUED : '') + p.label);
        lines.push({ line, labels, codeIds: list.map((p) => p.codeId) });
        list.forEach((passage, i) => options.push({ range: new vscode.Range(end, end), renderOptions: { after: chip(labels[i], passage.colour) } }));
      }
    }
    editor.setDecorations(this.type, options);
    this.shown.set(editor, lines);
  }

  private passagesOf(transcript: OpenTranscript): Passage[] {
    const codebook = this.feature.study.current?.codebook;
    const coders = vscode.workspace.getConfiguration('gloss').get<boolean>('stripes.showCoders', false) === true;
    const key = `${transcript.tracked.revision}\u0000${this.focus.chosen.join('\u0000')}\u0000${coders}`;
    const cached = this.cache.get(transcript);
    if (cached && cached.key === key && cached.codebook === codebook) return cached.passages;
    const document = transcript.document;
    const passages: (Passage & { start: number; end: number })[] = [];
    for (const live of transcript.tracked.liveCodings()) {
      const code = codebook?.get(live.coding.code);
      if (!code || live.end <= live.start || !this.focus.shows(live.coding.code)) continue;
      passages.push({
        start: live.start,
        end: live.end,
        startLine: document.positionAt(live.start).line,
        endLine: document.positionAt(live.end).line,
        codeId: code.id,
        label: coders ? `${code.name} · ${live.coding.coder}` : code.name,
        colour: code.colour,
      });
    }
    // As the lanes take them: by start, the longer (outer) passage first.
    passages.sort((a, b) => a.start - b.start || b.end - a.end);
    this.cache.set(transcript, { key, codebook, passages });
    return passages;
  }

  dispose(): void {
    clearTimeout(this.timer);
    for (const d of this.disposables) d.dispose();
  }
}

/** A label in a chip of the code's colour, its text in the editor's own muted colour. */
function chip(label: string, colour: string | undefined): vscode.ThemableDecorationAttachmentRenderOptions {
  return {
    contentText: `${SPACE}${label}${SPACE}`,
    color: new vscode.ThemeColor('editorCodeLens.foreground'),
    margin: '0 0 0 0.6em',
    border: '1px solid',
    borderColor: colour ?? new vscode.ThemeColor('gloss.uncolouredCodeBorder'),
    backgroundColor: colour ? `${colour}26` : new vscode.ThemeColor('gloss.uncolouredCodeBackground'),
  };
}
