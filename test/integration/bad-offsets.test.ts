// A codings file with one line whose offsets are outside its text (written by hand, or by a bad
// merge): that coding is an orphan with its quote, and every other coding of the transcript is
// still highlighted, counted in the status bar and listed. Writes its own coder's file and
// removes it afterwards.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { quoteSelectors } from '../../src/core/anchoring/quote';
import { formatCodingLine } from '../../src/core/codings/format';
import type { Coding } from '../../src/core/model';
import { normaliseText, textVersion } from '../../src/core/text/normalise';
import { waitFor } from './helpers/wait';

const TRANSCRIPT = 'transcripts/tessenfeld/tessenfeld-official-01.txt';
const CODER_FOLDER = 'codings/offsets-tester';

const root = () => vscode.workspace.workspaceFolders![0].uri.fsPath;
const file = (relative: string) => path.join(root(), ...relative.split('/'));

interface CodingState {
  codings: { id: string; start: number; end: number; range: [number, number, number, number] }[];
  orphans: { id: string; reason: string; quote: string }[];
  decorations: { codeId: string; ranges: [number, number, number, number][] }[];
  status: { main?: string; orphans?: string; mainLabel?: string; orphansLabel?: string };
}

describe('a codings line with offsets outside its text', function () {
  this.timeout(60_000);

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await fs.rm(file(`${CODER_FOLDER}/${TRANSCRIPT}.jsonl`), { force: true });
    await fs.rm(file(CODER_FOLDER), { recursive: true, force: true });
    await vscode.commands.executeCommand('gloss.reloadStudy');
  });

  it('is an orphan with its quote, and every other coding of the transcript still shows', async () => {
    const text = normaliseText(await fs.readFile(file(TRANSCRIPT), 'utf8'));
    const codePoints = [...text];
    const lines = text.split('\n').filter((line) => line.trim().length > 20);
    const codingOf = (id: string, quote: string): Coding => {
      const unit = text.indexOf(quote);
      const start = [...text.slice(0, unit)].length;
      const span = { start, end: start + [...quote].length };
      return { id, code: 'org-policy', ...span, ...quoteSelectors(text, span), version: textVersion(text), coder: 'Offsets Tester', created: '2026-12-01T10:00:00.000Z' };
    };
    const good = [1, 3, 5, 7].map((n, i) => codingOf(`good-${i}`, lines[n].slice(0, 20)));
    // Same text version, offsets past its end: it sorts between the good lines of the file.
    const bad = { ...codingOf('bad', lines[2].slice(0, 20)), start: codePoints.length + 10, end: codePoints.length + 30 };
    const ordered = [good[0], good[1], bad, good[2], good[3]];
    await fs.mkdir(path.dirname(file(`${CODER_FOLDER}/${TRANSCRIPT}.jsonl`)), { recursive: true });
    await fs.writeFile(file(`${CODER_FOLDER}/${TRANSCRIPT}.jsonl`), ordered.map(formatCodingLine).join('\n') + '\n');
    await vscode.commands.executeCommand('gloss.reloadStudy');

    await vscode.window.showTextDocument(vscode.Uri.file(file(TRANSCRIPT)), { preview: false });
    const uri = vscode.Uri.file(file(TRANSCRIPT)).toString();
    const state = await waitFor('the bad coding listed as an orphan', async () => {
      const now = await vscode.commands.executeCommand<CodingState | undefined>('gloss.test.codingState', { uri });
      return now?.orphans.some((o) => o.id === 'bad') ? now : undefined;
    });
    const orphan = state.orphans.find((o) => o.id === 'bad')!;
    assert.equal(orphan.quote, bad.quote);
    assert.match(orphan.reason, /offsets/);
    const document = vscode.window.activeTextEditor!.document;
    for (const coding of good) {
      const shown = state.codings.find((c) => c.id === coding.id);
      assert.ok(shown, `${coding.id} is placed`);
      assert.equal(document.getText().slice(shown.start, shown.end), coding.quote);
      const decorated = state.decorations.filter((d) => d.codeId === 'org-policy').flatMap((d) => d.ranges.map((r) => r.join()));
      assert.ok(decorated.includes(shown.range.join()), `${coding.id} is highlighted`);
    }
    const total = state.codings.length + state.orphans.length;
    assert.match(state.status.main ?? '', new RegExp(`\\$\\(tag\\) ${total}\\b`));
    assert.match(state.status.orphans ?? '', new RegExp(`\\b${state.orphans.length}$`));
    // Screen readers get words with correct plurals, not icon markup.
    assert.match(state.status.mainLabel ?? '', new RegExp(`^${total} codings? in this transcript`));
    assert.match(state.status.orphansLabel ?? '', state.orphans.length === 1 ? /^1 orphaned coding$/ : new RegExp(`^${state.orphans.length} orphaned codings$`));
    assert.doesNotMatch(`${state.status.mainLabel} ${state.status.orphansLabel}`, /\$\(/);
    const diagnostic = await waitFor('the orphan in the Problems panel', () =>
      vscode.languages.getDiagnostics(document.uri).find((d) => d.source === 'Gloss' && d.message.includes(bad.quote)),
    );
    assert.equal(diagnostic.severity, vscode.DiagnosticSeverity.Warning);
  });
});
