// Reports for writing up, built from the example study and from copies with planted text: the
// counts agree with the files on disk, quotations are the current text with their source,
// orphans are listed and not quoted, and hostile transcript text stays text in Markdown and HTML.
import { strict as assert } from 'node:assert';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { quoteSelectors } from '../../src/core/anchoring/quote';
import { formatCodingsFile, parseCodingsFile } from '../../src/core/codings/format';
import { buildReport, codebookCsv, loadReportInput, reportHtml, reportMarkdown, type ReportInput } from '../../src/core/reports';
import { Study } from '../../src/core/study/study';
import { GitAndSnapshotVersions } from '../../src/core/study/versions';
import { normaliseText, textVersion } from '../../src/core/text/normalise';
import { sliceCodePoints } from '../../src/core/text/offsets';
import { parseCsv } from '../../src/core/util/csv';
import { EXAMPLE, exampleCopy } from './helpers/gloss-cli';

async function inputOf(root: string): Promise<ReportInput> {
  return loadReportInput(await Study.load(root), path.basename(root), new GitAndSnapshotVersions(root, undefined));
}

/** Every coding on disk, by coding id. */
async function codingsOnDisk(root: string) {
  const base = path.join(root, 'codings');
  const files = (await fs.readdir(base, { recursive: true })).map(String).filter((f) => f.endsWith('.jsonl'));
  const all = [];
  for (const file of files) {
    const relative = `codings/${file.split(path.sep).join('/')}`;
    const documentPath = relative.split('/').slice(2).join('/').replace(/\.jsonl$/, '');
    for (const coding of parseCodingsFile(await fs.readFile(path.join(base, file), 'utf8'), relative).codings) all.push({ documentPath, coding });
  }
  return all;
}

const ORPHAN = { id: 'planted-orphan', code: 'org-policy', start: 0, end: 9, quote: 'words that are in no transcript', prefix: '', suffix: '', version: '0'.repeat(40), coder: 'Marike', created: '2026-01-01T00:00:00Z' };

describe('reports', function () {
  this.timeout(30_000);
  let input: ReportInput;
  let onDisk: Awaited<ReturnType<typeof codingsOnDisk>>;

  before(async () => {
    input = await inputOf(EXAMPLE);
    onDisk = await codingsOnDisk(EXAMPLE);
  });

  describe('the codebook', () => {
    it('gives every code its path, description and counts as on disk, with at most N example quotations of the current text', () => {
      const report = buildReport(input, { kind: 'codebook', examples: 2 });
      const markdown = reportMarkdown(report);
      for (const code of input.codebook.codes) {
        assert.ok(report.blocks.some((b) => b.kind === 'heading' && b.text === input.codebook.pathLabel(code.id)), `a heading for ${code.id}`);
        if (code.description) assert.ok(report.blocks.some((b) => b.kind === 'paragraph' && b.text === code.description), `the description of ${code.id}`);
      }
      const policy = onDisk.filter((x) => x.coding.code === 'org-policy');
      const index = report.blocks.findIndex((b) => b.kind === 'heading' && b.text === 'Organisation › Policy');
      const facts = report.blocks[index + 2];
      assert.equal(facts.kind, 'facts');
      assert.deepEqual(Object.fromEntries(facts.facts).Codings, String(policy.length));
      assert.deepEqual(Object.fromEntries(facts.facts).Documents, String(new Set(policy.map((x) => x.documentPath)).size));
      const examples = [];
      for (let i = index + 3; report.blocks[i]?.kind === 'quotation'; i++) examples.push(report.blocks[i]);
      assert.equal(examples.length, 2, 'two examples, as asked');
      for (const block of examples) {
        assert.ok(block.kind === 'quotation');
        const document = input.documents.find((d) => d.path === block.segment.documentPath)!;
        assert.equal(block.segment.text, sliceCodePoints(document.text, block.segment.start, block.segment.end), 'the current text');
        assert.equal(block.segment.codeId, 'org-policy');
        assert.match(block.source, new RegExp(`${block.segment.documentPath.replace(/[.]/g, '\\.')}, line \\d+.*, coded by ${block.segment.coder}$`));
      }
      assert.equal(new Set(examples.map((b) => b.kind === 'quotation' && b.segment.documentPath)).size, 2, 'examples from two documents');
      assert.equal(report.orphans, 0);
      assert.ok(!markdown.includes('## Orphans'));
    });

    it('as CSV: one row per code with its counts, the total with sub-codes and its coders', () => {
      const rows = parseCsv(codebookCsv(input));
      assert.deepEqual(rows[0], ['id', 'path', 'name', 'parent_id', 'colour', 'description', 'codings', 'codings_with_subcodes', 'documents', 'documents_with_subcodes', 'coders']);
      assert.equal(rows.length, input.codebook.size + 1);
      const organisation = new Set(['organisation', ...input.codebook.descendants('organisation').map((c) => c.id)]);
      const row = rows.find((r) => r[0] === 'organisation')!;
      assert.deepEqual(row.slice(1, 5), ['Organisation', 'Organisation', '', '#3B6FA8']);
      assert.equal(row[7], String(onDisk.filter((x) => organisation.has(x.coding.code)).length));
      const motivation = rows.find((r) => r[0] === 'org-motivation')!;
      assert.equal(motivation[6], String(onDisk.filter((x) => x.coding.code === 'org-motivation').length));
      assert.equal(motivation[10], 'Joaquín, Marike');
    });
  });

  it('quotes every segment of the chosen codes, grouped by code and then by case in the order of cases.yaml', () => {
    const report = buildReport(input, { kind: 'quotations', codeIds: ['org-policy', 'imp-civic-society'] });
    const quotations = report.blocks.filter((b) => b.kind === 'quotation');
    const expected = onDisk.filter((x) => x.coding.code === 'org-policy' || x.coding.code === 'imp-civic-society');
    assert.deepEqual(quotations.map((b) => b.kind === 'quotation' && b.segment.codingId).sort(), expected.map((x) => x.coding.id).sort());
    const codeHeadings = report.blocks.filter((b) => b.kind === 'heading' && b.level === 2).map((b) => b.kind === 'heading' && b.text);
    assert.deepEqual(codeHeadings, [
      `Organisation › Policy (${expected.filter((x) => x.coding.code === 'org-policy').length})`,
      `Impact › Civic society (${expected.filter((x) => x.coding.code === 'imp-civic-society').length})`,
    ]);
    // Within a code, the cases come in cases.yaml's order.
    const caseOrder = input.cases.cases.map((c) => c.name);
    const policyCases: number[] = [];
    for (const block of report.blocks) {
      if (block.kind === 'heading' && block.level === 2 && !block.text.startsWith('Organisation')) break;
      if (block.kind === 'heading' && block.level === 3) policyCases.push(caseOrder.indexOf(block.text));
    }
    assert.ok(policyCases.length > 1 && policyCases.every((i, k) => i >= 0 && (k === 0 || i > policyCases[k - 1])), `cases in order: ${policyCases}`);
  });

  it('profiles a case: its attributes, its documents with their codings, and its codes with counts', () => {
    const report = buildReport(input, { kind: 'case', caseId: 'san-aurelio' });
    const markdown = reportMarkdown(report);
    assert.equal(report.title, 'Case: San Aurelio');
    assert.match(markdown, /- \*\*region:\*\* South/);
    const documents = ['transcripts/san-aurelio/san-aurelio-politician-01.txt', 'transcripts/san-aurelio/san-aurelio-ngo-01.txt'];
    for (const document of documents) {
      const count = onDisk.filter((x) => x.documentPath === document).length;
      assert.match(markdown, new RegExp(`^\\| ${document.replace(/[.]/g, '\\.')} \\| type: interview; role: \\w+; .* \\| ${count} \\| 0 \\| \\d+ % \\|$`, 'm'));
    }
    const volatility = onDisk.filter((x) => documents.includes(x.documentPath) && x.coding.code === 'ctx-political-volatility');
    assert.match(markdown, new RegExp(`^\\| Context › Political volatility \\| ${volatility.length} \\| ${new Set(volatility.map((x) => x.documentPath)).size} \\| `, 'm'));
  });

  it('gives each framework matrix its table and, under each cell, its evidence quoted from the current text', () => {
    const report = buildReport(input, { kind: 'matrices' });
    const markdown = reportMarkdown(report);
    assert.match(markdown, /^## Impact in the South$/m);
    assert.match(markdown, /^\| Case \| Urban livability and productivity \|/m);
    assert.match(markdown, /^### San Aurelio › Urban livability and productivity: \+\+$/m);
    const matrix = input.matrices[0].matrix;
    const evidence = matrix.cells.flatMap((c) => c.evidence);
    const quoted = report.blocks.filter((b) => b.kind === 'quotation').map((b) => b.kind === 'quotation' && b.segment.codingId);
    assert.ok(evidence.length > 0);
    assert.deepEqual(quoted, evidence, 'every piece of evidence, in the matrix order');
  });

  describe('on a copy with planted problems', () => {
    let copy: Awaited<ReturnType<typeof exampleCopy>>;
    let planted: ReportInput;

    before(async () => {
      copy = await exampleCopy();
      // A hostile code name and description, a transcript with markup, and a coding that no longer anchors.
      const codebook = path.join(copy.root, 'codebook.yaml');
      await fs.writeFile(codebook, (await fs.readFile(codebook, 'utf8')).replace('name: Policy', 'name: "Policy <img src=x onerror=alert(1)>"'));
      const transcript = path.join(copy.root, 'transcripts', 'velden', 'velden-official-01.txt');
      const hostile = 'He said: <script>alert("pwned")</script> & \'quoted\' *not emphasis* | pipe\n';
      await fs.writeFile(transcript, hostile + (await fs.readFile(transcript, 'utf8')));
      const marike = path.join(copy.root, 'codings', 'marike', 'transcripts', 'velden', 'velden-official-01.txt.jsonl');
      const codings = parseCodingsFile(await fs.readFile(marike, 'utf8'), 'x').codings;
      const text = hostile + (await fs.readFile(transcript, 'utf8')).slice(hostile.length);
      const version = textVersion(normaliseText(text));
      const span = { start: 0, end: hostile.length - 1 };
      const onHostile = { ...codings[0], id: 'hostile', code: 'org-policy', start: span.start, end: span.end, ...quoteSelectors(normaliseText(text), span), version };
      await fs.writeFile(marike, formatCodingsFile([...codings, onHostile, ORPHAN]));
      planted = await inputOf(copy.root);
    });
    after(() => copy.remove());

    it('lists a coding that no longer anchors under Orphans, with its stored quote and why, and does not quote it', () => {
      const report = buildReport(planted, { kind: 'quotations', codeIds: ['org-policy'] });
      assert.equal(report.orphans, 1);
      assert.ok(!report.blocks.some((b) => b.kind === 'quotation' && b.segment.codingId === ORPHAN.id));
      const markdown = reportMarkdown(report);
      assert.match(markdown, /^## Orphans$/m);
      assert.match(markdown, /^\| transcripts\/velden\/velden-official-01\.txt \| Marike \| Organisation › Policy &#60;img src=x onerror=alert\(1\)&#62; \| words that are in no transcript \| its text was not found \|$/m);
      assert.equal(buildReport(planted, { kind: 'codebook' }).orphans, 1);
      assert.equal(buildReport(planted, { kind: 'case', caseId: 'velden' }).orphans, 1);
      assert.equal(buildReport(planted, { kind: 'case', caseId: 'damankwa' }).orphans, 0);
    });

    it('escapes hostile transcript text and names in HTML: no element, attribute or script comes from the study', () => {
      for (const request of [{ kind: 'quotations', codeIds: ['org-policy'] }, { kind: 'codebook' }] as const) {
        const html = reportHtml(buildReport(planted, request));
        assert.ok(!/<script/i.test(html), 'no script element');
        assert.ok(!/<img/i.test(html), 'no img element');
        if (request.kind === 'quotations') assert.ok(html.includes('He said: &#60;script&#62;alert(&#34;pwned&#34;)&#60;/script&#62; &#38; &#39;quoted&#39;'), 'the text, escaped');
        assert.ok(html.includes('Policy &#60;img src=x onerror=alert(1)&#62;'));
        assert.match(html, /<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">/);
        assert.ok(!/<[^>]*\s(src|href)=/i.test(html), 'no external resource');
        assert.match(html, /@media print/);
      }
    });

    it('escapes hostile transcript text in Markdown: it reads as written, with no HTML or emphasis', () => {
      const markdown = reportMarkdown(buildReport(planted, { kind: 'quotations', codeIds: ['org-policy'] }));
      assert.ok(markdown.includes('> He said: \\<script>alert("pwned")\\</script> & \'quoted\' \\*not emphasis\\* | pipe'), markdown.slice(0, 600));
      assert.ok(!/(^|[^\\])<script/.test(markdown));
    });
  });
});
