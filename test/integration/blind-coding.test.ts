// Blind coding in a real VS Code on the example study, where Marike and Joaquín both coded the
// same transcript: with Marike as the current coder, turning it on hides Joaquín's codings from
// the highlights, hovers, status bar, Codebook, Documents and Segments views, says so in the status
// bar and the Codebook view, and writes only Marike's file; turning it off shows everything again,
// placed on the text as it is now.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { parseCodebook } from '../../src/core/codebook/parse';
import { parseCodingsFile } from '../../src/core/codings/format';
import type { Coding } from '../../src/core/model';
import { countCodings } from '../../src/core/statistics/counts';
import { DEFAULT_VIEW, type TestAction, type ViewState, type WebviewReport } from '../../src/shared/comparison-protocol';
import { waitFor } from './helpers/wait';

const SAN_AURELIO = 'transcripts/san-aurelio/san-aurelio-ngo-01.txt';
const MINE = `codings/marike/${SAN_AURELIO}.jsonl`;
const THEIRS = `codings/joaquin/${SAN_AURELIO}.jsonl`;

type Range4 = [number, number, number, number];
interface CodingState {
  coder: string;
  codings: { id: string; code: string; coder: string; start: number; end: number; range: Range4 }[];
  orphans: { id: string; code: string }[];
  decorations: { codeId: string; ranges: Range4[] }[];
  status: { main?: string };
}
interface Indicator {
  blind: boolean;
  statusBar: { text: string; tooltip: string; command: string } | undefined;
}
interface TreeNode {
  kind: string;
  id: string;
  tooltip: string;
  children: TreeNode[];
}
interface DocumentsNode {
  kind: string;
  path?: string;
  description?: string;
  tooltip?: string;
  children: DocumentsNode[];
}

const root = () => vscode.workspace.workspaceFolders![0].uri.fsPath;
const file = (relative: string) => path.join(root(), ...relative.split('/'));
const read = (relative: string) => fs.readFile(file(relative), 'utf8');
const uri = () => vscode.Uri.file(file(SAN_AURELIO));

async function state(): Promise<CodingState> {
  return waitFor('the coding state', () => vscode.commands.executeCommand<CodingState | undefined>('gloss.test.codingState', { uri: uri().toString() }));
}

async function storedCodings(relative: string): Promise<Coding[]> {
  return parseCodingsFile(await read(relative), relative).codings;
}

const sortedRanges = (ranges: Range4[]) => ranges.map((r) => r.join()).sort();
const decoratedRanges = (s: CodingState) => sortedRanges(s.decorations.flatMap((d) => d.ranges));

async function hoverText(position: vscode.Position): Promise<string> {
  const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri(), position);
  return hovers.flatMap((h) => h.contents).map((c) => (typeof c === 'string' ? c : c.value)).join('\n');
}

/** "N codings in D documents" of every code in the Codebook tree, by code id. */
async function treeCounts(): Promise<Map<string, string>> {
  const tree = await vscode.commands.executeCommand<TreeNode[]>('gloss.test.codebookTree');
  const counts = new Map<string, string>();
  const walk = (nodes: TreeNode[]) => {
    for (const node of nodes) {
      counts.set(node.id, /(\d+) codings? in (\d+) documents?/.exec(node.tooltip)?.slice(1).join('/') ?? '');
      walk(node.children);
    }
  };
  walk(tree);
  return counts;
}

/** The counts the tree should show for these coder folders, from the files on disk. */
async function expectedCounts(folders: readonly string[]): Promise<Map<string, string>> {
  const codebook = parseCodebook(await read('codebook.yaml'), 'codebook.yaml').codebook;
  const files = [];
  for (const folder of folders) {
    const entries = (await fs.readdir(file(`codings/${folder}`), { recursive: true })).map(String).filter((e) => e.endsWith('.jsonl'));
    for (const entry of entries) {
      const relative = `codings/${folder}/${entry.split(path.sep).join('/')}`;
      files.push({ documentPath: relative.split('/').slice(2).join('/').replace(/\.jsonl$/, ''), codings: await storedCodings(relative) });
    }
  }
  const counts = countCodings(codebook, files);
  return new Map(codebook.codes.map((code) => {
    const own = counts.own.get(code.id) ?? { codings: 0, documents: 0 };
    return [code.id, `${own.codings}/${own.documents}`];
  }));
}

async function documentNode(): Promise<DocumentsNode> {
  const find = (nodes: DocumentsNode[]): DocumentsNode | undefined => {
    for (const node of nodes) {
      if (node.kind === 'document' && node.path === SAN_AURELIO) return node;
      const found = find(node.children);
      if (found) return found;
    }
    return undefined;
  };
  return waitFor('the document in the Documents view', async () => find(await vscode.commands.executeCommand<DocumentsNode[]>('gloss.test.documentsTree')));
}

async function segments(): Promise<{ codingId: string; coder: string }[]> {
  await vscode.commands.executeCommand('gloss.retrieveSegments', { kind: 'document', path: SAN_AURELIO });
  const s = await vscode.commands.executeCommand<{ groups: { segments: { codingId: string; coder: string }[] }[] }>('gloss.test.segments');
  return s.groups.flatMap((g) => g.segments);
}

/** The comparison's code x case matrix as its page shows it, once it shows cells other than `not`. */
async function comparisonCells(view: ViewState, not?: string): Promise<string> {
  await vscode.commands.executeCommand('gloss.comparison.open', view);
  return waitFor('the comparison matrix', async () => {
    const report = await vscode.commands.executeCommand<WebviewReport | undefined>('gloss.test.comparison.query');
    if (!report || report.status === '' || /Computing/.test(report.status) || report.mismatches !== 0) return undefined;
    const cells = JSON.stringify(report.cells);
    return cells !== not && cells;
  });
}

const indicator = () => vscode.commands.executeCommand<Indicator>('gloss.test.blindCoding');
const codebookView = () => vscode.commands.executeCommand<{ description?: string }>('gloss.test.codebookView');

describe('blind coding', function () {
  this.timeout(90_000);
  let mine: Coding[];
  let theirs: Coding[];
  let originalMine: string;
  let originalTranscript: string;
  let originalTheirs: string;
  let editor: vscode.TextEditor;
  /** A position inside one of Joaquín's passages that none of Marike's covers. */
  let theirsOnly: vscode.Position;
  /** A position inside one of Marike's passages. */
  let mineHere: vscode.Position;
  /** Turning blind coding on writes the workspace settings: a file the copy of the study did not have is removed again. */
  let hadSettings: boolean;

  before(async () => {
    await vscode.extensions.getExtension('gloss-qda.gloss-qda')?.activate();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.workspace.getConfiguration('gloss').update('coder', 'Marike', vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('gloss.reloadStudy');
    hadSettings = await fs.access(file('.vscode/settings.json')).then(() => true, () => false);
    originalMine = await read(MINE);
    originalTranscript = await read(SAN_AURELIO);
    originalTheirs = await read(THEIRS);
    mine = await storedCodings(MINE);
    theirs = await storedCodings(THEIRS);
    assert.ok(mine.length > 0 && theirs.length > 0, 'both coders coded the transcript');
    editor = await vscode.window.showTextDocument(uri(), { preview: false });
    const s = await waitFor('every coding of both coders placed', async () => {
      const now = await state();
      return now.codings.length === mine.length + theirs.length && now;
    });
    const marike = s.codings.filter((c) => c.coder === 'Marike');
    const covered = (offset: number) => marike.some((c) => c.start <= offset && offset <= c.end);
    const offset = s.codings
      .filter((c) => c.coder === 'Joaquín')
      .flatMap((c) => Array.from({ length: c.end - c.start - 1 }, (_, i) => c.start + 1 + i))
      .find((o) => !covered(o));
    assert.ok(offset !== undefined, 'Joaquín coded a passage Marike did not');
    theirsOnly = editor.document.positionAt(offset);
    mineHere = editor.document.positionAt(marike[0].start + 1);
  });

  after(async () => {
    await vscode.workspace.getConfiguration('gloss').update('blindCoding', undefined, vscode.ConfigurationTarget.Workspace);
    await vscode.workspace.getConfiguration('gloss').update('blindCoding', undefined, vscode.ConfigurationTarget.Global);
    for (const document of vscode.workspace.textDocuments.filter((d) => d.isDirty)) {
      await vscode.window.showTextDocument(document);
      await vscode.commands.executeCommand('workbench.action.files.revert');
    }
    await vscode.commands.executeCommand('gloss.protectTranscript').then(undefined, () => undefined);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await fs.writeFile(file(MINE), originalMine);
    // The transcript edited while blind may have been saved: the suites after this one start from the example's text.
    await fs.writeFile(file(SAN_AURELIO), originalTranscript);
    if (!hadSettings) {
      await fs.rm(file('.vscode/settings.json'), { force: true });
      await fs.rmdir(file('.vscode')).catch(() => undefined);
    }
    await vscode.commands.executeCommand('gloss.segments.clear');
    await vscode.workspace.getConfiguration('gloss').update('coder', undefined, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('gloss.reloadStudy');
  });

  it('hides the other coder everywhere while on, says so, and shows everything again when off', async () => {
    const everyone = await state();
    const all = decoratedRanges(everyone);
    assert.equal(all.length, mine.length + theirs.length);
    assert.match(await hoverText(theirsOnly), /coded by Joaquín/);
    assert.deepEqual(await treeCounts(), await expectedCounts(['marike', 'joaquin']));
    assert.match((await documentNode()).tooltip ?? '', /Joaquín/);
    assert.ok((await segments()).some((s) => s.coder === 'Joaquín'));
    assert.equal((await indicator()).statusBar, undefined);
    assert.equal((await codebookView()).description, undefined);

    await vscode.commands.executeCommand('gloss.turnOnBlindCoding');
    assert.equal(vscode.workspace.getConfiguration('gloss').inspect('blindCoding')?.workspaceValue, true, 'turned on for this workspace');
    const ownOnly = sortedRanges(everyone.codings.filter((c) => c.coder === 'Marike').map((c) => c.range));
    const blind = await waitFor('only Marike’s highlights', async () => {
      const s = await state();
      return decoratedRanges(s).join('|') === ownOnly.join('|') && s;
    });
    assert.deepEqual(blind.codings.map((c) => c.coder).filter((c) => c !== 'Marike'), [], 'no other coder’s coding under the cursor, in pickers or orphans');
    assert.deepEqual(blind.orphans.map((o) => o.id).filter((id) => theirs.some((c) => c.id === id)), []);
    assert.match(blind.status.main ?? '', new RegExp(`^\\$\\(tag\\) ${mine.length}\\b`), 'the status bar counts only Marike’s codings');
    assert.doesNotMatch(await hoverText(theirsOnly), /coded by/, 'no hover on a passage only Joaquín coded');
    const ownHover = await hoverText(mineHere);
    assert.match(ownHover, /coded by Marike/);
    assert.doesNotMatch(ownHover, /Joaquín/);
    const ownCounts = await expectedCounts(['marike']);
    await waitFor('the Codebook tree counting only Marike’s codings', async () => JSON.stringify([...(await treeCounts())]) === JSON.stringify([...ownCounts]));
    const node = await waitFor('the Documents view without Joaquín', async () => {
      const n = await documentNode();
      return !(n.tooltip ?? '').includes('Joaquín') && n;
    });
    assert.match(node.description ?? '', new RegExp(`\\b${mine.length} codings`));
    const blindSegments = await segments();
    assert.deepEqual(blindSegments.map((s) => s.codingId).sort(), mine.map((c) => c.id).sort());
    const shown = await indicator();
    assert.equal(shown.blind, true);
    assert.equal(shown.statusBar?.text, '$(eye-closed) Blind');
    assert.equal(shown.statusBar?.command, 'gloss.turnOffBlindCoding');
    assert.match(shown.statusBar?.tooltip ?? '', /only your own codings \(Marike\)/);
    assert.equal((await codebookView()).description, 'Blind: only your codings');
    assert.equal(await read(THEIRS), originalTheirs, 'hiding changes no file');

    await vscode.commands.executeCommand('gloss.turnOffBlindCoding');
    assert.equal(vscode.workspace.getConfiguration('gloss').inspect('blindCoding')?.workspaceValue, undefined, 'the workspace settings are left clean');
    await waitFor('every highlight back', async () => decoratedRanges(await state()).join('|') === all.join('|'));
    assert.match(await hoverText(theirsOnly), /coded by Joaquín/);
    await waitFor('the Codebook tree counting both coders again', async () => JSON.stringify([...(await treeCounts())]) === JSON.stringify([...(await expectedCounts(['marike', 'joaquin']))]));
    await waitFor('the Documents view with Joaquín', async () => ((await documentNode()).tooltip ?? '').includes('Joaquín'));
    assert.ok((await segments()).some((s) => s.coder === 'Joaquín'));
    assert.equal((await indicator()).statusBar, undefined);
    assert.equal((await codebookView()).description, undefined);
  });

  it('writes a coding made while blind to the coder’s own file only, and leaves the other coder’s file byte for byte', async () => {
    await vscode.commands.executeCommand('gloss.turnOnBlindCoding');
    await waitFor('blind coding on', async () => (await state()).codings.every((c) => c.coder === 'Marike'));
    const text = editor.document.getText();
    const start = editor.document.offsetAt(theirsOnly);
    editor.selection = new vscode.Selection(editor.document.positionAt(start), editor.document.positionAt(Math.min(start + 12, text.length)));
    const ids = await vscode.commands.executeCommand<string[]>('gloss.codeSelection', { codeId: 'org-legislation' });
    assert.equal(ids?.length, 1);
    const written = await waitFor('the coding in Marike’s file', async () => (await storedCodings(MINE)).find((c) => c.id === ids![0]));
    assert.equal(written.coder, 'Marike');
    assert.equal(await read(THEIRS), originalTheirs);
    const s = await state();
    assert.ok(s.codings.some((c) => c.id === ids![0]), 'the new coding is shown');
    assert.ok(s.codings.every((c) => c.coder === 'Marike'), 'and still no other coder’s');
    await vscode.commands.executeCommand('gloss.turnOffBlindCoding');
    await waitFor('both coders shown again', async () => (await state()).codings.length === mine.length + theirs.length + 1);
  });

  it('places the other coder’s codings on text edited while blind when it is turned off', async () => {
    await vscode.commands.executeCommand('gloss.turnOnBlindCoding');
    await waitFor('blind coding on', async () => (await state()).codings.every((c) => c.coder === 'Marike'));
    await vscode.commands.executeCommand('gloss.editTranscript');
    const inserted = 'Nota de la transcriptora: audio claro.\n\n';
    assert.ok(await editor.edit((e) => e.insert(new vscode.Position(0, 0), inserted)));
    await vscode.commands.executeCommand('gloss.turnOffBlindCoding');
    const s = await waitFor('Joaquín’s codings placed again', async () => {
      const now = await state();
      return now.codings.filter((c) => c.coder === 'Joaquín').length === theirs.length && now;
    });
    const document = editor.document;
    for (const coding of theirs) {
      const placed = s.codings.find((c) => c.id === coding.id);
      assert.ok(placed, `${coding.id} placed`);
      assert.equal(document.getText().slice(placed.start, placed.end).replace(/\r\n/g, '\n'), coding.quote, 'on its own passage, moved by the edit');
    }
    assert.equal(await read(THEIRS), originalTheirs);
  });

  it('follows the current coder: another gloss.coder while blind shows that coder’s own codings', async () => {
    await vscode.commands.executeCommand('gloss.turnOnBlindCoding');
    await waitFor('Marike’s codings alone', async () => (await state()).codings.every((c) => c.coder === 'Marike'));
    await vscode.workspace.getConfiguration('gloss').update('coder', 'Joaquín', vscode.ConfigurationTarget.Global);
    try {
      const s = await waitFor('Joaquín’s codings alone', async () => {
        const now = await state();
        return now.codings.length === theirs.length && now.codings.every((c) => c.coder === 'Joaquín') && now;
      });
      assert.equal(decoratedRanges(s).length, theirs.length);
      assert.match((await indicator()).statusBar?.tooltip ?? '', /\(Joaquín\)/);
    } finally {
      await vscode.workspace.getConfiguration('gloss').update('coder', 'Marike', vscode.ConfigurationTarget.Global);
      await vscode.commands.executeCommand('gloss.turnOffBlindCoding');
    }
  });

  it('counts only the coder’s own codings in the comparison matrix while on', async () => {
    const everyone = await comparisonCells(DEFAULT_VIEW);
    const marikeOnly = await comparisonCells({ ...DEFAULT_VIEW, coders: ['Marike'] }, everyone);
    await comparisonCells(DEFAULT_VIEW, marikeOnly);
    await vscode.commands.executeCommand('gloss.turnOnBlindCoding');
    // Blind, the whole matrix is the one filtered to Marike's codings.
    assert.equal(await comparisonCells(DEFAULT_VIEW, everyone), marikeOnly);
    await vscode.commands.executeCommand('gloss.turnOffBlindCoding');
    assert.equal(await comparisonCells(DEFAULT_VIEW, marikeOnly), everyone);
  });

  it('tells a framework cell’s evidence of another coder apart as hidden while on, and writes nothing', async () => {
    const matrix = 'matrices/impact-south.yaml';
    const before = await read(matrix);
    const act = (action: TestAction) => vscode.commands.executeCommand('gloss.test.comparison.act', action);
    /** San Aurelio x Local government effectiveness rests on one coding of Marike's and one of Joaquín's. */
    const drill = async (hidden: boolean) => {
      await comparisonCells({ ...DEFAULT_VIEW, tab: 'framework', framework: matrix });
      await act({ kind: 'focusCell', row: 1, column: 2 });
      await act({ kind: 'key', key: 'Enter' });
      return waitFor('the cell’s evidence', async () => {
        const report = await vscode.commands.executeCommand<WebviewReport | undefined>('gloss.test.comparison.query');
        return report?.drill?.evidence.length === 2 && report.bodyText.includes(HIDDEN) === hidden && report;
      });
    };
    const HIDDEN = 'hidden: another coder’s coding (blind coding is on)';
    const open = await drill(false);
    assert.ok(open.drill!.evidence.every((quote) => quote !== ''), 'both codings shown with their text');
    await vscode.commands.executeCommand('gloss.turnOnBlindCoding');
    const blind = await drill(true);
    assert.equal(blind.drill!.evidence.filter((quote) => quote === '').length, 1, 'the hidden one shows no text');
    assert.ok(!blind.bodyText.includes('missing: no coding'), 'not called missing');
    await vscode.commands.executeCommand('gloss.turnOffBlindCoding');
    await drill(false);
    assert.equal(await read(matrix), before);
  });
});
