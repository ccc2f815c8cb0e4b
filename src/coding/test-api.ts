// A command for the integration tests and the host benchmark, only in test mode:
// what the coding feature shows for a transcript (its codings in editor positions, orphans, the
// highlights per code and lane, the status bar), since decorations cannot be read through the API.
import * as vscode from 'vscode';
import type { StudyFeature } from '../study/register';
import type { CodeDecorations } from './decorations';
import type { OpenTranscripts } from './open-transcripts';
import type { CodingStatusBar } from './status-bar';
import type { CodeStripes } from './stripes';
import type { CodingWriter } from './writer';

export const TEST_STATE_COMMAND = 'gloss.test.codingState';

type Position4 = [number, number, number, number];

/** The test command's handler (registered through registerTestCommands, src/util/test-mode.ts). */
export function codingState(
  feature: StudyFeature,
  transcripts: OpenTranscripts,
  writer: CodingWriter,
  decorations: CodeDecorations,
  statusBar: CodingStatusBar,
  stripes: CodeStripes,
) {
  return async (args?: { uri?: string; settle?: boolean }) => {
    const uri = args?.uri;
    const editor = uri ? vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === uri) : vscode.window.activeTextEditor;
    const document = editor?.document ?? vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri);
    const transcript = document && transcripts.get(document);
    if (!document || !transcript) return undefined;
    if (args?.settle !== false) {
      await transcript.tracked.whenSettled();
      await writer.idle(transcript.path);
      decorations.redrawNow();
    }
    const range = (start: number, end: number): Position4 => {
      const a = document.positionAt(start);
      const b = document.positionAt(end);
      return [a.line, a.character, b.line, b.character];
    };
    return {
      path: transcript.path,
      languageId: document.languageId,
      coder: feature.study.coder,
      codings: transcript.tracked.liveCodings().map((c) => ({
        id: c.coding.id,
        code: c.coding.code,
        coder: c.coding.coder,
        memo: c.coding.memo,
        start: c.start,
        end: c.end,
        range: range(c.start, c.end),
      })),
      orphans: transcript.tracked.orphanedCodings().map((o) => ({ id: o.coding.id, code: o.coding.code, reason: o.reason, quote: o.quote, place: o.place })),
      decorations: editor ? decorations.describe(editor) : [],
      stripes: editor ? stripes.describe(editor) : [],
      status: statusBar.describe(),
      timings: {
        change: [...transcripts.changeTimings],
        redraw: [...decorations.redrawTimings],
        redrawCompute: [...decorations.computeTimings],
        open: { ...transcript.marks },
      },
      recentChanges: [...transcripts.recentChanges],
    };
  };
}
