// The Segments report shows its first lines at once: its heading and first segments are in the
// document while the rest is still being written (held back here by a test gate, not timed), and
// the finished document is the core's report exactly.
import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import { waitFor } from './helpers/wait';

const REPORT_URI = vscode.Uri.from({ scheme: 'gloss-segments', path: '/Segments.md' });

describe('the segments report, written in chunks', function () {
  this.timeout(60_000);

  after(async () => {
    await vscode.commands.executeCommand('gloss.test.segmentsReportChunks', { hold: false });
    await vscode.commands.executeCommand('gloss.segments.clear');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('shows the segments report’s heading and first segments before its last chunk is written, and ends as the core’s report', async () => {
    await vscode.commands.executeCommand('gloss.retrieveSegments', { codeIds: ['organisation'], includeSubcodes: true });
    const full = await waitFor('the full report', async () => (await vscode.commands.executeCommand<{ report?: string }>('gloss.test.segments'))?.report);
    const segments = (full.match(/^### /gm) ?? []).length;
    assert.ok(segments > 4, `enough segments for several chunks (${segments})`);

    // Chunks of three parts (the heading, then a segment each); the last one waits at the gate.
    await vscode.commands.executeCommand('gloss.test.segmentsReportChunks', { chunkSize: 3, hold: true });
    await vscode.commands.executeCommand('gloss.segments.openReport');
    const document = await vscode.workspace.openTextDocument(REPORT_URI);
    // (The document may still show an earlier report, of other codes, until the new one begins.)
    const partial = await waitFor('the first segments of this report', () => {
      const text = document.getText();
      return text.startsWith('# Segments\n\n- Codes: Organisation') && text.includes('### ') ? text : undefined;
    });
    assert.ok(full.startsWith(partial), 'what is shown is the start of the report');
    assert.ok(partial.length < full.length, 'the last chunk is not written yet');

    await vscode.commands.executeCommand('gloss.test.segmentsReportChunks', { hold: false });
    await waitFor('the whole report', () => document.getText() === full);
  });
});
