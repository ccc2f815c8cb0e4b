// Copied quotations laid out by the template setting (gloss.quotation.template), read back from
// the clipboard, and the page of a document imported from PDF in the hover and in quotations.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { codeText, openTranscript } from './helpers/coding';
import { waitFor } from './helpers/wait';

const CODER = 'Quotation Tester';
const VELDEN = 'transcripts/velden/velden-official-01.txt';
/** An imported PDF as the import writes it: the source line, `[page N]` where each page starts. */
const REPORT = 'transcripts/velden/annual-report.txt';
const REPORT_TEXT = '# source: sources/annual-report.pdf\n\n[page 1]\n\nAnnual report of the partnership.\n\n[page 2]\n\nThe budget for wells was halved.\n';

const root = () => vscode.workspace.workspaceFolders![0].uri.fsPath;
const file = (relative: string) => path.join(root(), ...relative.split('/'));

/** Retrieves the current coder's segments of a document and copies them all as quotations. */
async function copyQuotations(documentPath: string, codeId: string): Promise<string> {
  await vscode.commands.executeCommand('gloss.retrieveSegments', { codeIds: [codeId], includeSubcodes: false, documents: [documentPath], coders: [CODER] });
  await waitFor('the segment retrieved', async () => (await vscode.commands.executeCommand<{ groups: { segments: unknown[] }[] }>('gloss.test.segments'))?.groups.some((g) => g.segments.length > 0));
  await vscode.env.clipboard.writeText('');
  await vscode.commands.executeCommand('gloss.segments.copyQuotations');
  return vscode.env.clipboard.readText();
}

const template = () => vscode.workspace.getConfiguration('gloss');

describe('quotations laid out by the template setting, and pages', function () {
  this.timeout(60_000);

  before(async () => {
    await fs.writeFile(file(REPORT), REPORT_TEXT);
    await template().update('coder', CODER, vscode.ConfigurationTarget.Global);
  });

  after(async () => {
    await vscode.commands.executeCommand('gloss.segments.clear');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await template().update('quotation.template', undefined, vscode.ConfigurationTarget.Global);
    await template().update('coder', undefined, vscode.ConfigurationTarget.Global);
  });

  it('copies a quotation as the template lays it out: code, case, attribute, coder, lines; an unknown placeholder as written', async () => {
    const editor = await openTranscript(VELDEN);
    const { start } = await codeText(editor, 'economische zaken', 'org-resources');
    const line = editor.document.positionAt(start).line + 1;
    await template().update('quotation.template', undefined, vscode.ConfigurationTarget.Global);
    assert.equal(await copyQuotations(VELDEN, 'org-resources'), `> economische zaken\n>\n> — Velden, velden-official-01.txt, line ${line}, 00:00:58\n`, 'the default: as before');
    await template().update('quotation.template', '“{text}” ({code}; {case}, {attribute:role}{attribute:none}; {coder}, l. {lines}{page}) {unknown}', vscode.ConfigurationTarget.Global);
    assert.equal(await copyQuotations(VELDEN, 'org-resources'), `“economische zaken” (Resources; Velden, official; ${CODER}, l. ${line}) {unknown}\n`);
  });

  it('shows the page of a document imported from PDF in the hover and in quotations', async () => {
    await template().update('quotation.template', undefined, vscode.ConfigurationTarget.Global);
    const editor = await openTranscript(REPORT);
    const { start } = await codeText(editor, 'The budget for wells was halved.', 'org-resources');
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', editor.document.uri, editor.document.positionAt(start + 3));
    const markdown = hovers.flatMap((h) => h.contents).map((c) => (typeof c === 'string' ? c : c.value)).join('\n');
    assert.match(markdown, /page 2/);
    assert.equal(await copyQuotations(REPORT, 'org-resources'), '> The budget for wells was halved.\n>\n> — annual-report.txt, page 2, line 9\n');
    await template().update('quotation.template', '{text} (p. {page})', vscode.ConfigurationTarget.Global);
    assert.equal(await copyQuotations(REPORT, 'org-resources'), 'The budget for wells was halved. (p. 2)\n');
  });
});
