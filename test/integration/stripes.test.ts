// Code names beside the text in a real VS Code on the example study: toggled on, the end of each
// visible line where a coded passage starts shows the code's own name per passage (and the coder's
// with gloss.stripes.showCoders), a passage begun above the window is named on the first visible
// line; scrolling names the passages newly in view; toggled off, no name is shown.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { parseCodebook } from '../../src/core/codebook/parse';
import { waitFor } from './helpers/wait';

const SAN_AURELIO = 'transcripts/san-aurelio/san-aurelio-ngo-01.txt';

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
const uri = () => vscode.Uri.file(path.join(root(), ...SAN_AURELIO.split('/')));
const state = () => waitFor('the coding state', () => vscode.commands.executeCommand<CodingState | undefined>('gloss.test.codingState', { uri: uri().toString() }));

/** The labels each visible line should show, worked out from the codings and the visible ranges. */
async function expectedStripes(editor: vscode.TextEditor, s: CodingState, coders: boolean): Promise<Map<number, string[]>> {
  const codebook = parseCodebook(await fs.readFile(path.join(root(), 'codebook.yaml'), 'utf8'), 'codebook.yaml').codebook;
  const expected = new Map<number, string[]>();
  const codings = s.codings.filter((c) => c.end > c.start);
  for (const visible of editor.visibleRanges) {
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
    assertShown(s.stripes, await expectedStripes(editor, s, false), 'the names at the top of the transcript');
    // Siblings in their parent's shades are told apart by their own names.
    const codeIds = new Set(s.stripes.flatMap((l) => l.codeIds));
    assert.ok(codeIds.size > 1, 'more than one code in view');

    // Scrolled to the middle: the passages now in view are named, one begun above on the first line.
    const middle = Math.floor(editor.document.lineCount / 2);
    editor.revealRange(new vscode.Range(middle, 0, middle, 0), vscode.TextEditorRevealType.AtTop);
    s = await waitFor('the names after scrolling', async () => {
      const now = await state();
      return now.stripes.every((l) => l.line >= editor.visibleRanges[0].start.line) && now.stripes.length > 0 ? now : undefined;
    });
    assertShown(s.stripes, await expectedStripes(editor, s, false), 'the names after scrolling');

    await vscode.workspace.getConfiguration('gloss').update('stripes.showCoders', true, vscode.ConfigurationTarget.Global);
    s = await waitFor('the coders beside the names', async () => {
      const now = await state();
      return now.stripes.some((l) => l.labels.some((label) => label.includes(' · '))) ? now : undefined;
    });
    assertShown(s.stripes, await expectedStripes(editor, s, true), 'the names with their coders');

    await vscode.commands.executeCommand('gloss.toggleStripes');
    assert.deepEqual((await state()).stripes, [], 'toggled off: no names');
  });
});
