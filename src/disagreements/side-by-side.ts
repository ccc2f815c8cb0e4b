// Both codings of a passage side by side: the transcript in two editor columns, side A's coding
// outlined and labelled on the left, side B's on the right, the passage revealed in both. Where a
// side did not code the passage, its editor marks the passage "not coded" instead, so the two
// columns always read the same way in a consensus meeting.
import * as vscode from 'vscode';
import type { Disagreement, PassagePart } from '../core/agreement/disagreements';
import type { Coding, Span } from '../core/model';
import { TextIndex } from '../core/text/offsets';
import type { StudyService } from '../study/study-service';
import { PROTECT_OPENED_COMMAND } from '../ui/open-at-source';
import type { Comparison } from './comparison';


/** What one column shows, for the integration tests (decorations cannot be read through the API). */
export interface ShownSide {
  readonly column: number;
  readonly uri: string;
  readonly label: string;
  /** Highlighted ranges as [line, character, line, character]; the "not coded" mark when the side did not code it. */
  readonly ranges: readonly (readonly [number, number, number, number])[];
  readonly coded: boolean;
}

export class SideBySide implements vscode.Disposable {
  private readonly types = {
    a: vscode.window.createTextEditorDecorationType({
      backgroundColor: new vscode.ThemeColor('gloss.disagreementSideABackground'),
      border: '2px solid',
      borderColor: new vscode.ThemeColor('gloss.disagreementSideABorder'),
      overviewRulerColor: new vscode.ThemeColor('gloss.disagreementSideABorder'),
      overviewRulerLane: vscode.OverviewRulerLane.Full,
    }),
    b: vscode.window.createTextEditorDecorationType({
      backgroundColor: new vscode.ThemeColor('gloss.disagreementSideBBackground'),
      border: '2px solid',
      borderColor: new vscode.ThemeColor('gloss.disagreementSideBBorder'),
      overviewRulerColor: new vscode.ThemeColor('gloss.disagreementSideBBorder'),
      overviewRulerLane: vscode.OverviewRulerLane.Full,
    }),
    notCoded: vscode.window.createTextEditorDecorationType({
      border: '1px dashed',
      borderColor: new vscode.ThemeColor('editorWarning.foreground'),
    }),
  };
  private decorated: vscode.TextEditor[] = [];
  shown: readonly ShownSide[] = [];

  constructor(private readonly study: StudyService) {}

  async open(comparison: Comparison, p: Disagreement<Coding>): Promise<void> {
    const uri = this.study.uriOf(p.document);
    if (!uri) return;
    let document: vscode.TextDocument;
    try {
      document = await vscode.workspace.openTextDocument(uri);
    } catch {
      void vscode.window.showErrorMessage(vscode.l10n.t('Cannot open {0}: the file is missing.', p.document));
      return;
    }
    this.clear();
    const shown: ShownSide[] = [];
    const sides = [
      { side: 'a' as const, column: vscode.ViewColumn.One, label: comparison.labels[0], part: p.a },
      { side: 'b' as const, column: vscode.ViewColumn.Two, label: comparison.labels[1], part: p.b },
    ];
    for (const { column } of sides) {
      await vscode.window.showTextDocument(document, { viewColumn: column, preview: false });
      await vscode.commands.executeCommand(PROTECT_OPENED_COMMAND).then(undefined, () => undefined);
    }
    // Decorated and revealed once both are shown: making an editor read-only may replace it.
    for (const { side, column, label, part } of sides) {
      const editor = vscode.window.visibleTextEditors.find((e) => e.viewColumn === column && e.document.uri.toString() === uri.toString());
      if (editor) shown.push(this.decorate(editor, side, label, part, p.span));
    }
    this.shown = shown;
  }

  private decorate(editor: vscode.TextEditor, side: 'a' | 'b', label: string, part: PassagePart<Coding> | undefined, passage: Span): ShownSide {
    const index = TextIndex.forEditorText(editor.document.getText());
    const clamp = (n: number) => Math.max(0, Math.min(n, index.codePointLength));
    const range = (span: Span) => new vscode.Range(editor.document.positionAt(index.toUnitOffset(clamp(span.start))), editor.document.positionAt(index.toUnitOffset(clamp(span.end))));
    const codebook = this.study.current?.codebook;
    // The label is short: text injected before a passage does not wrap, so a long one hides words; the code is in the hover.
    const labelStyle = { color: new vscode.ThemeColor(side === 'a' ? 'gloss.disagreementSideABorder' : 'gloss.disagreementSideBBorder'), fontWeight: 'bold', margin: '0 0.4em 0 0' };
    let ranges: vscode.Range[];
    if (part) {
      const code = codebook?.get(part.code)?.name ?? part.code;
      ranges = part.codings.map((c) => range(c.span));
      editor.setDecorations(
        this.types[side],
        ranges.map((r, i) => ({ range: r, hoverMessage: `${label} · ${code}`, renderOptions: i === 0 ? { before: { contentText: label, ...labelStyle } } : undefined })),
      );
    } else {
      ranges = [range(passage)];
      editor.setDecorations(this.types.notCoded, [
        { range: ranges[0], hoverMessage: vscode.l10n.t('{0} did not code this passage', label), renderOptions: { before: { contentText: vscode.l10n.t('{0}: not coded', label), ...labelStyle } } },
      ]);
    }
    this.decorated.push(editor);
    const whole = ranges.reduce((x, y) => x.union(y));
    editor.selection = new vscode.Selection(whole.start, whole.start);
    editor.revealRange(whole, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
    return {
      column: editor.viewColumn ?? 0,
      uri: editor.document.uri.toString(),
      label,
      coded: part !== undefined,
      ranges: ranges.map((r) => [r.start.line, r.start.character, r.end.line, r.end.character] as const),
    };
  }

  /** Takes the highlights off (another passage is shown, or the comparison is gone). */
  clear(): void {
    for (const editor of this.decorated) for (const type of Object.values(this.types)) editor.setDecorations(type, []);
    this.decorated = [];
    this.shown = [];
  }

  dispose(): void {
    for (const type of Object.values(this.types)) type.dispose();
  }
}
