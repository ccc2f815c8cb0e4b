// Code names beside the text in a real VS Code on the example study: toggled on, each coded
// passage in view is labelled where it starts with its code's own name (and the coder's with
// gloss.stripes.showCoders), a passage begun above the window on the first visible line; VS Code
// gets exactly these labels as inlay hints; scrolling names the passages newly in view; toggled
// off, no name is shown.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { parseCodebook } from '../../src/core/codebook/parse';
import { STRIPE_SEPARATOR } from '../../src/coding/stripes';
import { waitFor } from './helpers/wait';

const TRANSCRIPT = 'transcripts/san-aurelio/san-aurelio-ngo-01.txt';

type Range4 = [number, number, number, number];
interface StripeLine {
  line: number;
  labels: string[];
  codeIds: string[];
}
interface CodingState {
  codings: { code: string; coder: string; start: number; end: number; range: Range4 }[];
  stripes: StripeLine[];
}

const root = () => vscode.workspace.workspaceFolders![0].uri.fsPath;
const uri = () => vscode.Uri.file(path.join(root(), ...TRANSCRIPT.split('/')));
const state = () => waitFor('the coding state', () => vscode.commands.executeCommand<CodingState | undefined>('gloss.test.codingState', { uri: uri().toString() }));

/** The labels each visible line should show, worked out from the codings and the visible ranges. */
async function expectedStripes(ranges: readonly vscode.Range[], s: CodingState, coders: boolean): Promise<Map<number, string[]>> {
  const codebook = parseCodebook(await fs.readFile(path.join(root(), 'codebook.yaml'), 'utf8'), 'codebook.yaml').codebook;
  const expected = new Map<number, string[]>();
  const codings = s.codings.filter((c) => c.end > c.start);
  for (const visible of ranges) {
    for (const c of codings) {
      const [startLine, , endLine] = c.range;
      const line = startLine >= visible.start.line && startLine <= visible.end.line ? startLine : startLine < visible.start.line && endLine >= visible.start.line ? visible.start.line : undefined;
      if (line === undefined) continue;
      const name = codebook.get(c.code)!.name;
      const label = `${line > startLine ? '↑ ' : ''}${coders ? `${name} · ${c.coder}` : name}`;
      expected.set(line, [...(expected.get(line) ?? []), label]);
    }
  }
  return expected;
}

/** The labels VS Code gets as inlay hints for these lines, by line. */
async function hintsShown(ranges: readonly vscode.Range[]): Promise<StripeLine[]> {
  const byLine = new Map<number, string[]>();
  for (const range of ranges) {
    const hints = (await vscode.commands.executeCommand<vscode.InlayHint[]>('vscode.executeInlayHintProvider', uri(), range)) ?? [];
    for (const hint of hints) {
      // Names starting at one place share a hint, parted by a separator part.
      const texts = typeof hint.label === 'string' ? [hint.label] : hint.label.map((p) => p.value).filter((v) => v !== STRIPE_SEPARATOR);
      byLine.set(hint.position.line, [...(byLine.get(hint.position.line) ?? []), ...texts]);
    }
  }
  return [...byLine].map(([line, labels]) => ({ line, labels, codeIds: [] }));
}

function assertShown(shown: StripeLine[], expected: Map<number, string[]>, what: string): void {
  const sorted = (m: Map<number, string[]>) => [...m].sort((a, b) => a[0] - b[0]).map(([line, labels]) => `${line}: ${[...labels].sort().join(' | ')}`);
  assert.deepEqual(sorted(new Map(shown.map((l) => [l.line, l.labels]))), sorted(expected), what);
}

describe('code names beside the text', function () {
  this.timeout(60_000);
  let editor: vscode.TextEditor;

  before(async () => {
    await vscode.extensions.getExtension('gloss-qda.gloss-qda')!.activate();
    editor = await vscode.window.showTextDocument(uri());
    await waitFor('the codings of the transcript', async () => ((await state()).codings.length > 0 ? true : undefined));
  });

  after(async () => {
    const gloss = vscode.workspace.getConfiguration('gloss');
    await gloss.update('stripes.enabled', undefined, vscode.ConfigurationTarget.Global);
    await gloss.update('stripes.showCoders', undefined, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('shows the code names of the passages in view when toggled on, and none when toggled off', async () => {
    assert.deepEqual((await state()).stripes, [], 'off by default');
    await vscode.commands.executeCommand('gloss.toggleStripes');
    assert.equal(vscode.workspace.getConfiguration('gloss').get('stripes.enabled'), true, 'the state is kept in the setting');

    let s = await state();
    assert.ok(s.stripes.length > 0, 'some passages are in view');
    assertShown(s.stripes, await expectedStripes(editor.visibleRanges, s, false), 'the names at the top of the transcript');
    const lines = [new vscode.Range(10, 0, 30, 0)];
    assertShown(await hintsShown(lines), await expectedStripes(lines, s, false), 'the inlay hints VS Code gets for lines 10 to 30');
    // Siblings in their parent's shades are told apart by their own names.
    const codeIds = new Set(s.stripes.flatMap((l) => l.codeIds));
    assert.ok(codeIds.size > 1, 'more than one code in view');

    // Scrolled to the middle: the passages now in view are named (one begun above the window on its first line).
    const middle = Math.floor(editor.document.lineCount / 2);
    editor.revealRange(new vscode.Range(middle, 0, middle, 0), vscode.TextEditorRevealType.AtTop);
    let previous = -1;
    s = await waitFor('the names after scrolling', async () => {
      // The same first line twice in a row: the scroll has come to rest.
      const first = editor.visibleRanges[0].start.line;
      const resting = first === previous;
      previous = first;
      const now = await state();
      return resting && first > 0 && now.stripes.length > 0 && now.stripes.every((l) => l.line >= first) ? now : undefined;
    }, 20_000, 200);
    assertShown(s.stripes, await expectedStripes(editor.visibleRanges, s, false), 'the names after scrolling');

    await vscode.workspace.getConfiguration('gloss').update('stripes.showCoders', true, vscode.ConfigurationTarget.Global);
    s = await waitFor('the coders beside the names', async () => {
      const now = await state();
      return now.stripes.some((l) => l.labels.some((label) => label.includes(' · '))) ? now : undefined;
    });
    assertShown(s.stripes, await expectedStripes(editor.visibleRanges, s, true), 'the names with their coders');

    await vscode.commands.executeCommand('gloss.toggleStripes');
    assert.deepEqual((await state()).stripes, [], 'toggled off: no names');
    assert.deepEqual(await hintsShown(lines), [], 'toggled off: no inlay hints');
  });
});
