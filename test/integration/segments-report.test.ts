// The Segments report shows its first lines at once: its heading and first segments are in the
// document while the rest is still being written (held back here by a test gate, not timed), and
// the finished document is the core's report exactly.
import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import { waitFor } from './helpers/wait';

const REPORT_URI = vscode.Uri.from({ scheme: 'gloss-segments', path: '/Segments.md' });

/** The report as the core writes it from the Segments view's segments now. */
const coreReport = async () => (await vscode.commands.executeCommand<{ report?: string }>('gloss.test.segments'))?.report;

describe('the segments report, written in chunks', function () {
  this.timeout(60_000);

  after(async () => {
    await vscode.commands.executeCommand('gloss.test.segmentsReportChunks', { hold: false });
    await vscode.commands.executeCommand('gloss.segments.clear');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('shows the segments report’s heading and first segments before its last chunk is written, and ends as the core’s report', async () => {
    await vscode.commands.executeCommand('gloss.retrieveSegments', { codeIds: ['organisation'], includeSubcodes: true });
    const full = await waitFor('the full report', coreReport);
    const segments = (full.match(/^### /gm) ?? []).length;
    assert.ok(segments > 4, `enough segments for several chunks (${segments})`);

    // Chunks of three parts (the heading, then a segment each); the last one waits at the gate.
    await vscode.commands.executeCommand('gloss.test.segmentsReportChunks', { chunkSize: 3, hold: true });
    await vscode.commands.executeCommand('gloss.segments.openReport');
    const document = await vscode.workspace.openTextDocument(REPORT_URI);
    // The document may still show an earlier report (another suite's, of other data) until this
    // one begins: what is waited for is the start of this report, short of its end.
    const partial = await waitFor('the first segments of this report, without the last chunk', async () => {
      const text = document.getText();
      const whole = await coreReport();
      return text.includes('### ') && whole !== undefined && text.length < whole.length && whole.startsWith(text) ? text : undefined;
    });
    assert.match(partial, /^# Segments\n\n- Codes: Organisation/);

    await vscode.commands.executeCommand('gloss.test.segmentsReportChunks', { hold: false });
    await waitFor('the whole report, as the core writes it', async () => document.getText() === (await coreReport()));
  });
});
