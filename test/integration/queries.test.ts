// Coding queries and auto-coding in a real VS Code on the example study, as a user runs them: a
// saved query file runs into the Segments view and runs again after its YAML is edited; a file
// that fails to parse is listed with its line and reason and left untouched; auto-coding with one
// passage unticked writes exactly the others to the coder's own file, and Gloss: Undo removes them.
import { strict as assert } from 'node:assert';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { quoteSelectors } from '../../src/core/anchoring/quote';
import { formatCodingsFile, parseCodingsFile } from '../../src/core/codings/format';
import type { Coding } from '../../src/core/model';
import { normaliseText, textVersion } from '../../src/core/text/normalise';
import { TextIndex } from '../../src/core/text/offsets';
import { waitFor } from './helpers/wait';

const TRANSCRIPT = 'transcripts/velden/velden-official-01.txt';
const QUERY_CODER = 'Query Tester';
const QUERY_CODINGS = `codings/query-tester/${TRANSCRIPT}.jsonl`;
const AUTO_CODER = 'Auto Coder';
const AUTO_CODINGS = `codings/auto-coder/${TRANSCRIPT}.jsonl`;
const QUERY = 'queries/it-policy-near-resources.yaml';
const BROKEN = 'queries/it-broken.yaml';

const root = () => vscode.workspace.workspaceFolders![0].uri.fsPath;
const file = (relative: string) => path.join(root(), ...relative.split('/'));
const read = (relative: string) => fs.readFile(file(relative), 'utf8');
const readIfExists = (relative: string) => read(relative).catch(() => undefined);

interface SegmentsState {
  description?: string;
  groups: { label: string; segments: { codingId: string; documentPath: string; text: string }[] }[];
}

/** Where `needle` is in the transcript's normalised text, in code points. */
async function spanOf(needle: string): Promise<{ start: number; end: number }> {
  const text = normaliseText(await read(TRANSCRIPT));
  const index = TextIndex.forText(text);
  const at = text.indexOf(needle);
  assert.ok(at >= 0, `the transcript contains "${needle}"`);
  return { start: index.toCodePointOffset(at), end: index.toCodePointOffset(at + needle.length) };
}

async function codingOf(id: string, code: string, needle: string): Promise<Coding> {
  const text = normaliseText(await read(TRANSCRIPT));
  const span = await spanOf(needle);
  return { id, code, ...span, ...quoteSelectors(text, span), version: textVersion(text), coder: QUERY_CODER, created: '2026-04-01T10:00:00.000Z' };
}

async function segmentIds(): Promise<string[]> {
  const state = await vscode.commands.executeCommand<SegmentsState>('gloss.test.segments');
  return state.groups.flatMap((g) => g.segments.map((s) => s.codingId));
}

describe('coding queries and auto-coding', function () {
  this.timeout(90_000);

  before(async () => {
    await vscode.extensions.getExtension('gloss-qda.gloss-qda')?.activate();
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.commands.executeCommand('gloss.segments.clear');
    for (const folder of ['queries', 'codings/query-tester', 'codings/auto-coder']) await fs.rm(file(folder), { recursive: true, force: true });
    await vscode.workspace.getConfiguration('gloss').update('coder', undefined, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('gloss.reloadStudy');
  });

  it('a saved query re-runs after an edit of its YAML; a broken file is reported and left untouched', async () => {
    const policy = await codingOf('q-policy', 'org-policy', 'In 2014 heeft de raad een beleidsnota aangenomen');
    const resources = await codingOf('q-resources', 'org-resources', 'En daar hoort een budget bij');
    await fs.mkdir(path.dirname(file(QUERY_CODINGS)), { recursive: true });
    await fs.writeFile(file(QUERY_CODINGS), formatCodingsFile([policy, resources]));
    await fs.mkdir(file('queries'), { recursive: true });
    const yaml = (within: number) => `# Policy talk near talk of money\ncode: org-policy\noperator: near\nother: Resources\nwithin: ${within}\ncoders: [${QUERY_CODER}]\n`;
    await fs.writeFile(file(QUERY), yaml(500));
    await vscode.commands.executeCommand('gloss.reloadStudy');

    // The Queries view lists it, in words.
    const listed = await waitFor('the query in the Queries view', async () => {
      await vscode.commands.executeCommand('gloss.queries.refresh');
      const state = await vscode.commands.executeCommand<{ items: { path: string; ok: boolean; description: string }[] }>('gloss.test.queries');
      return state.items.find((i) => i.path === QUERY);
    });
    assert.equal(listed.ok, true);
    assert.equal(listed.description, 'Policy NEAR Resources within 500');

    // Run: the Segments view shows the one Policy passage with a Resources passage within 500 characters.
    await waitFor('the coder’s codings to be loaded', async () => {
      const results = await vscode.commands.executeCommand<unknown[] | undefined>('gloss.queries.results', { path: QUERY });
      return results?.length === 1;
    });
    await vscode.commands.executeCommand('gloss.queries.run', { path: QUERY });
    assert.deepEqual(await waitFor('the query’s results', async () => ((await segmentIds()).length > 0 ? segmentIds() : undefined)), ['q-policy']);
    const state = await vscode.commands.executeCommand<SegmentsState>('gloss.test.segments');
    assert.equal(state.description, 'Query: it-policy-near-resources');

    // Edited to within 5 characters: run again, nothing is that close.
    await fs.writeFile(file(QUERY), yaml(5));
    await vscode.commands.executeCommand('gloss.queries.run', { path: QUERY });
    await waitFor('the edited query’s results', async () => (await segmentIds()).length === 0);
    // And back to 500: the passage is found again.
    await fs.writeFile(file(QUERY), yaml(500));
    await vscode.commands.executeCommand('gloss.queries.run', { path: QUERY });
    assert.deepEqual(await waitFor('the results again', async () => ((await segmentIds()).length > 0 ? segmentIds() : undefined)), ['q-policy']);

    // A query naming a code the codebook lacks says so and changes nothing. The Segments view
    // re-runs the query it shows when its file changes: it then shows what the file now asks and
    // no passages, never the results of what the file said before.
    const codingsBefore = await read(QUERY_CODINGS);
    await fs.writeFile(file(QUERY), 'code: org-policy\noperator: and\nother: Budgets\n');
    assert.equal(await vscode.commands.executeCommand('gloss.queries.run', { path: QUERY }), undefined);
    assert.equal(await read(QUERY_CODINGS), codingsBefore);
    await waitFor('the view to show the edited query', async () => {
      const shown = await vscode.commands.executeCommand<SegmentsState & { criteria: string[] }>('gloss.test.segments');
      return shown.criteria.includes('Policy AND Budgets') || undefined;
    });
    assert.deepEqual(await segmentIds(), []);

    // A query made by the builder's last step is saved as readable YAML and shown.
    const created = await vscode.commands.executeCommand<string>('gloss.queries.new', {
      name: 'IT made by the builder',
      query: { code: 'org-policy', operator: 'followed-by', other: 'org-resources', coders: [QUERY_CODER] },
    });
    assert.equal(created, 'queries/it-made-by-the-builder.yaml');
    assert.equal(await read(created), `code: org-policy\noperator: followed-by\nother: org-resources\ncoders: [${QUERY_CODER}]\n`);
    assert.deepEqual(await waitFor('the new query’s results', async () => ((await vscode.commands.executeCommand<SegmentsState>('gloss.test.segments')).description === 'Query: it-made-by-the-builder' ? segmentIds() : undefined)), ['q-policy']);
    await fs.rm(file(created));

    // A file that fails to parse: listed with its line and reason, never rewritten; running it says why.
    const broken = 'code: org-policy\noperator: nearby\nother: org-resources\n';
    await fs.writeFile(file(BROKEN), broken);
    const brokenItem = await waitFor('the broken query in the view', async () => {
      await vscode.commands.executeCommand('gloss.queries.refresh');
      const items = (await vscode.commands.executeCommand<{ items: { path: string; ok: boolean }[] }>('gloss.test.queries')).items;
      return items.find((i) => i.path === BROKEN);
    });
    assert.equal(brokenItem.ok, false);
    assert.equal(await vscode.commands.executeCommand('gloss.queries.results', { path: BROKEN }), undefined);
    assert.equal(await read(BROKEN), broken);
    const diagnostics = await waitFor('the broken query’s problem', () => {
      const list = vscode.languages.getDiagnostics(vscode.Uri.file(file(BROKEN)));
      return list.length > 0 ? list : undefined;
    });
    assert.equal(diagnostics[0].range.start.line, 1);
    assert.match(diagnostics[0].message, /Unknown operator "nearby"/);
  });

  it('auto-coding with one passage unticked writes exactly the others to the coder’s file, and undo removes them', async () => {
    await vscode.workspace.getConfiguration('gloss').update('coder', AUTO_CODER, vscode.ConfigurationTarget.Global);
    const hits = await Promise.all(['beleidsnota', 'subsidie', 'afvalbeheer'].map(async (word) => ({ path: TRANSCRIPT, ...(await spanOf(word)) })));
    // Widened to sentences and listed by position: subsidie (0), beleidsnota (1), afvalbeheer (2); 1 is unticked.
    const result = await vscode.commands.executeCommand<{ written: Record<string, number>; skipped: string[] }>('gloss.autoCode.hits', {
      hits,
      code: 'org-resources',
      widening: 'sentence',
      keep: [0, 2],
    });
    assert.deepEqual(result, { written: { [TRANSCRIPT]: 2 }, skipped: [] });
    const onDisk = parseCodingsFile((await readIfExists(AUTO_CODINGS)) ?? '', AUTO_CODINGS).codings;
    assert.deepEqual(
      onDisk.map((c) => [c.code, c.coder, c.quote]),
      [
        ['org-resources', AUTO_CODER, "De gemeente gaf een subsidie aan het comité en daar hield het wel zo'n beetje op."],
        ['org-resources', AUTO_CODER, 'Dus niet meer alleen scholen en waterputten, maar afvalbeheer, burgerparticipatie, dingen waar wij als gemeente zelf verstand van hebben.'],
      ],
    );
    // Each record sits where its quote is in the current text.
    const text = normaliseText(await read(TRANSCRIPT));
    for (const c of onDisk) assert.equal([...text].slice(c.start, c.end).join(''), c.quote);

    await vscode.commands.executeCommand('gloss.undo');
    await waitFor('the auto-coded passages to be undone', async () => parseCodingsFile((await readIfExists(AUTO_CODINGS)) ?? '', AUTO_CODINGS).codings.length === 0);
  });

  it('auto-codes every turn of a speaker, and a query’s results', async () => {
    await vscode.workspace.getConfiguration('gloss').update('coder', AUTO_CODER, vscode.ConfigurationTarget.Global);
    const turns = await vscode.commands.executeCommand<{ written: Record<string, number> }>('gloss.autoCode.speaker', { speaker: 'I', code: 'interaction', keep: [0] });
    const first = Object.entries(turns.written).filter(([, n]) => n > 0);
    assert.equal(first.length, 1);
    const [document] = first[0];
    const written = parseCodingsFile(await read(`codings/auto-coder/${document}.jsonl`), document).codings;
    assert.equal(written.length, 1);
    assert.ok(!written[0].quote.startsWith('I:'), 'the label is not coded');
    await vscode.commands.executeCommand('gloss.undo');
    await waitFor('the turn coding to be undone', async () => (await readIfExists(`codings/auto-coder/${document}.jsonl`)) === undefined);

    await fs.writeFile(file(QUERY), `code: org-policy\noperator: near\nother: org-resources\nwithin: 500\ncoders: [${QUERY_CODER}]\n`);
    const fromQuery = await vscode.commands.executeCommand<{ written: Record<string, number> }>('gloss.autoCode.query', { path: QUERY }, { code: 'org-legislation', widening: 'none', keep: [0] });
    assert.deepEqual(fromQuery.written, { [TRANSCRIPT]: 1 });
    const coded = parseCodingsFile(await read(AUTO_CODINGS), AUTO_CODINGS).codings;
    assert.deepEqual(coded.map((c) => [c.code, c.quote]), [['org-legislation', (await codingOf('x', 'x', 'In 2014 heeft de raad een beleidsnota aangenomen')).quote]]);
    await vscode.commands.executeCommand('gloss.undo');
  });
});
