// Highlights of coded passages: one decoration type per code and lane, created once and disposed
// when the code goes or its colour changes. Each passage gets the code's colour as a translucent
// background (overlaps blend, so nesting shows as depth) and a line in the full colour that
// depends on its lane among overlapping passages: lane 0 underlined, lane 1 overlined, deeper
// lanes boxed with a dashed line; the overview ruler marks each lane in its own column.
// Redraws wait for a short pause in typing; meanwhile VS Code moves the existing highlights.
import * as vscode from 'vscode';
import { touchedBy } from '../core/study/study';
import type { StudyFeature } from '../study/register';
import type { CodeFocus } from './focus';
import { assignLanes } from './lanes';
import type { OpenTranscript, OpenTranscripts } from './open-transcripts';
import type { LiveCoding } from '../core/study/tracked-document';

/**
 * Redraw delays after typing. VS Code moves the highlights with the text itself (the same edge
 * behaviour as the live spans), so an edit that only shifts passages needs no redraw; one that
 * deletes or restores a passage soon; one that resizes a passage (lanes may change) when idle.
 */
const TYPING_REDRAW_MS = 150;
const IDLE_REDRAW_MS = 1500;
/** Lanes drawn differently; deeper lanes share the last style. */
const LANE_STYLES = 3;
/** Background alpha (hex) per theme kind: stronger on dark backgrounds. */
const LIGHT_ALPHA = '38';
const DARK_ALPHA = '4D';

export interface DecorationSummary {
  readonly codeId: string;
  readonly lane: number;
  readonly colour: string | undefined;
  /** [start line, start character, end line, end character] */
  readonly ranges: readonly (readonly [number, number, number, number])[];
}

interface TypeEntry {
  readonly type: vscode.TextEditorDecorationType;
  readonly codeId: string;
  readonly lane: number;
  readonly colour: string | undefined;
}

export class CodeDecorations implements vscode.Disposable {
  private readonly types = new Map<string, TypeEntry>();
  /** What each editor shows, by type key, for clearing and for the test command. */
  private readonly shown = new Map<vscode.TextEditor, Map<string, vscode.Range[]>>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private due = 0;
  private immediate = false;
  /** Ranges computed per transcript, reused while nothing they depend on changed. */
  private readonly cache = new WeakMap<OpenTranscript, { revision: number; key: unknown; focus: string; ranges: Map<string, vscode.Range[]> }>();
  private readonly disposables: vscode.Disposable[] = [];
  /** Milliseconds of the last redraws, for the benchmark (kept only when `measuring`). */
  readonly redrawTimings: number[] = [];
  /** Of which computing the ranges (the rest is setDecorations). */
  readonly computeTimings: number[] = [];
  private readonly redrawn = new vscode.EventEmitter<void>();
  /** Fires after each redraw of the highlights. */
  readonly onDidRedraw = this.redrawn.event;

  constructor(
    private readonly feature: StudyFeature,
    private readonly transcripts: OpenTranscripts,
    private readonly focus: CodeFocus,
    /** Whether to keep the timings above: only when the extension runs its tests or the benchmark. */
    private readonly measuring = false,
  ) {
    this.disposables.push(
      this.redrawn,
      transcripts.onDidChange((e) => {
        if (e.kind !== 'edited') this.schedule(0);
        else if (e.outcome === 'collapsed-or-restored') this.schedule(TYPING_REDRAW_MS);
        else if (e.outcome === 'resized') this.schedule(IDLE_REDRAW_MS);
      }),
      vscode.window.onDidChangeVisibleTextEditors(() => this.schedule(0)),
      focus.onDidChange(() => this.schedule(0)),
      feature.study.onDidChange((changes) => {
        const touched = touchedBy(changes);
        if (touched.everything || touched.codebook) {
          this.dropStaleTypes();
          this.schedule(0);
        }
      }),
    );
  }

  /** Resolves after the next redraw (the benchmark waits for the first highlights this way). */
  nextRedraw(): Promise<void> {
    return new Promise((resolve) => {
      const once = this.onDidRedraw(() => {
        once.dispose();
        resolve();
      });
    });
  }

  /** Redraws at once (the test command, so that it reports what the user would see). */
  redrawNow(): void {
    clearTimeout(this.timer);
    for (const transcript of this.transcripts.all()) this.cache.delete(transcript);
    this.timer = undefined;
    this.redraw();
  }

  private schedule(delay: number): void {
    if (delay === 0) {
      // At once after the current event, before other queued work: coding, opening and switching
      // editors show their highlights without waiting behind other extensions' tasks.
      if (this.immediate) return;
      this.immediate = true;
      queueMicrotask(() => {
        this.immediate = false;
        clearTimeout(this.timer);
        this.timer = undefined;
        this.redraw();
      });
      return;
    }
    const due = performance.now() + delay;
    if (this.immediate || (this.timer !== undefined && this.due <= due)) return; // an earlier redraw is already due
    clearTimeout(this.timer);
    this.due = due;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.redraw();
    }, delay);
  }

  private redraw(): void {
    const started = this.measuring ? performance.now() : 0;
    let computed = 0;
    const visible = new Set(vscode.window.visibleTextEditors);
    for (const editor of [...this.shown.keys()]) if (!visible.has(editor)) this.shown.delete(editor);
    const byDocument = new Map<OpenTranscript, Map<string, vscode.Range[]>>();
    for (const editor of visible) {
      const transcript = this.transcripts.get(editor.document);
      if (!transcript) {
        this.apply(editor, new Map());
        continue;
      }
      let ranges = byDocument.get(transcript);
      if (!ranges) {
        const computing = this.measuring ? performance.now() : 0;
        byDocument.set(transcript, (ranges = this.rangesOf(transcript)));
        if (this.measuring) computed += performance.now() - computing;
      }
      this.apply(editor, ranges);
      if (ranges.size > 0 && this.measuring) transcript.marks.highlighted ??= performance.now();
    }
    // A transcript opening has its codings placed before VS Code shows its editor: its ranges are
    // computed now, so that showing the editor only hands them over (they stay cached until it changes).
    for (const transcript of this.transcripts.all()) if (!byDocument.has(transcript)) this.rangesOf(transcript);
    if (this.measuring) {
      this.redrawTimings.push(performance.now() - started);
      this.computeTimings.push(computed);
      if (this.computeTimings.length > 50) this.computeTimings.shift();
      if (this.redrawTimings.length > 50) this.redrawTimings.shift();
    }
    this.redrawn.fire();
  }

  /** Ranges by decoration type key for one transcript. */
  private rangesOf(transcript: OpenTranscript): Map<string, vscode.Range[]> {
    const codebook = this.feature.study.current?.codebook;
    const focus = this.focus.chosen.join('\u0000');
    const cached = this.cache.get(transcript);
    if (cached && cached.revision === transcript.tracked.revision && cached.key === codebook && cached.focus === focus) return cached.ranges;
    const result = new Map<string, vscode.Range[]>();
    this.cache.set(transcript, { revision: transcript.tracked.revision, key: codebook, focus, ranges: result });
    if (!codebook) return result;
    const codings: readonly LiveCoding[] = transcript.tracked.liveCodings().filter((c) => c.end > c.start && this.focus.shows(c.coding.code));
    const lanes = assignLanes(codings);
    const document = transcript.document;
    codings.forEach((coding, i) => {
      const code = codebook.get(coding.coding.code);
      if (!code) return; // a code missing from the codebook is reported by the study, not drawn
      const lane = Math.min(lanes[i], LANE_STYLES - 1);
      const key = this.typeFor(code.id, lane, code.colour);
      const range = new vscode.Range(document.positionAt(coding.start), document.positionAt(coding.end));
      const list = result.get(key);
      if (list) list.push(range);
      else result.set(key, [range]);
    });
    return result;
  }

  private apply(editor: vscode.TextEditor, ranges: Map<string, vscode.Range[]>): void {
    const before = this.shown.get(editor) ?? new Map<string, vscode.Range[]>();
    for (const key of before.keys()) {
      const entry = this.types.get(key);
      if (entry && !ranges.has(key)) editor.setDecorations(entry.type, []);
    }
    for (const [key, list] of ranges) editor.setDecorations(this.types.get(key)!.type, list);
    this.shown.set(editor, ranges);
  }

  private typeFor(codeId: string, lane: number, colour: string | undefined): string {
    const key = `${codeId}\u0000${lane}`;
    const existing = this.types.get(key);
    if (existing && existing.colour === colour) return key;
    existing?.type.dispose();
    this.types.set(key, { type: vscode.window.createTextEditorDecorationType(decorationOptions(lane, colour)), codeId, lane, colour });
    return key;
  }

  /** Disposes the types of codes that are gone or were recoloured. */
  private dropStaleTypes(): void {
    const codebook = this.feature.study.current?.codebook;
    for (const [key, entry] of this.types) {
      const code = codebook?.get(entry.codeId);
      if (code && code.colour === entry.colour) continue;
      entry.type.dispose();
      this.types.delete(key);
      for (const shown of this.shown.values()) shown.delete(key);
    }
  }

  /** What an editor shows, per code and lane (for the test command). */
  describe(editor: vscode.TextEditor): DecorationSummary[] {
    const shown = this.shown.get(editor);
    if (!shown) return [];
    return [...shown].flatMap(([key, ranges]) => {
      const entry = this.types.get(key);
      if (!entry || ranges.length === 0) return [];
      return [{
        codeId: entry.codeId,
        lane: entry.lane,
        colour: entry.colour,
        ranges: ranges.map((r) => [r.start.line, r.start.character, r.end.line, r.end.character] as const),
      }];
    });
  }

  dispose(): void {
    clearTimeout(this.timer);
    for (const entry of this.types.values()) entry.type.dispose();
    this.types.clear();
    for (const d of this.disposables) d.dispose();
  }
}

const RULER_LANES = [vscode.OverviewRulerLane.Right, vscode.OverviewRulerLane.Center, vscode.OverviewRulerLane.Left];

function decorationOptions(lane: number, colour: string | undefined): vscode.DecorationRenderOptions {
  const line: vscode.DecorationRenderOptions =
    lane === 0
      ? { borderStyle: 'solid', borderWidth: '0 0 2px 0' }
      : lane === 1
        ? { borderStyle: 'solid', borderWidth: '2px 0 0 0' }
        : { borderStyle: 'dashed', borderWidth: '1px' };
  const base: vscode.DecorationRenderOptions = {
    ...line,
    rangeBehavior: vscode.DecorationRangeBehavior.ClosedClosed,
    overviewRulerLane: RULER_LANES[Math.min(lane, RULER_LANES.length - 1)],
  };
  if (colour === undefined) {
    return {
      ...base,
      backgroundColor: new vscode.ThemeColor('gloss.uncolouredCodeBackground'),
      borderColor: new vscode.ThemeColor('gloss.uncolouredCodeBorder'),
      overviewRulerColor: new vscode.ThemeColor('gloss.uncolouredCodeBorder'),
    };
  }
  return {
    ...base,
    borderColor: colour,
    overviewRulerColor: colour,
    light: { backgroundColor: `${colour}${LIGHT_ALPHA}` },
    dark: { backgroundColor: `${colour}${DARK_ALPHA}` },
  };
}
