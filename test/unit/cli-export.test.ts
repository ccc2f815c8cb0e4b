// `gloss export` and `gloss stats` on the example study: the files written, what they hold, and
// the refusals of bad input (exit code 2, one line).
import { strict as assert } from 'node:assert';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseCodingsFile } from '../../src/core/codings/format';
import { BYTE_ORDER_MARK, parseCsv } from '../../src/core/util/csv';
import { assertBadInput, EXAMPLE, gloss } from './helpers/gloss-cli';

describe('gloss export and gloss stats', function () {
  this.timeout(60_000);
  let out: string;

  before(async () => {
    out = await fs.mkdtemp(path.join(os.tmpdir(), 'gloss-export-'));
  });
  after(() => fs.rm(out, { recursive: true, force: true }));

  it('writes the codebook report as standalone HTML, and as Markdown to stdout with -o -', async () => {
    const target = path.join(out, 'codebook.html');
    const run = await gloss('export', 'html', EXAMPLE, '-o', target, '--examples', '1');
    assert.equal(run.code, 0, run.stderr);
    assert.equal(run.stdout, '');
    const html = await fs.readFile(target, 'utf8');
    assert.match(html, /^<!DOCTYPE html>\n<html lang="en">/);
    assert.match(html, /<h1>Codebook: city-partnerships<\/h1>/);
    assert.match(html, /<h3><span class="swatch" style="background: #4A9BEF"><\/span>Organisation › Policy<\/h3>/);
    const markdown = await gloss('export', 'md', EXAMPLE, '-o', '-');
    assert.equal(markdown.code, 0, markdown.stderr);
    assert.match(markdown.stdout, /^# Codebook: city-partnerships\n/);
  });

  it('writes the quotations of chosen codes, a case profile and the matrices as Markdown', async () => {
    const quotations = path.join(out, 'q.md');
    assert.equal((await gloss('export', 'md', EXAMPLE, '-o', quotations, '--report', 'quotations', '--codes', 'org-policy,org-know-how')).code, 0);
    assert.match(await fs.readFile(quotations, 'utf8'), /^# Quotations: Organisation › Policy; Organisation › Know-how\n/);
    const profile = path.join(out, 'case.md');
    assert.equal((await gloss('export', 'md', EXAMPLE, '-o', profile, '--report', 'case', '--case', 'kassoumbe')).code, 0);
    assert.match(await fs.readFile(profile, 'utf8'), /^# Case: Kassoumbé\n/);
    const matrices = path.join(out, 'matrices.md');
    assert.equal((await gloss('export', 'md', EXAMPLE, '-o', matrices, '--report', 'matrices')).code, 0);
    assert.match(await fs.readFile(matrices, 'utf8'), /^## Impact in the South$/m);
  });

  it('writes the codebook and the quotations as CSV with a byte order mark', async () => {
    const codebook = path.join(out, 'codebook.csv');
    assert.equal((await gloss('export', 'csv', EXAMPLE, '-o', codebook)).code, 0);
    const text = await fs.readFile(codebook, 'utf8');
    assert.ok(text.startsWith(BYTE_ORDER_MARK));
    assert.equal(parseCsv(text).length, 25, 'a header and 24 codes');
    const segments = path.join(out, 'segments.csv');
    assert.equal((await gloss('export', 'csv', EXAMPLE, '-o', segments, '--report', 'quotations', '--codes', 'org-policy')).code, 0);
    const rows = parseCsv(await fs.readFile(segments, 'utf8'));
    assert.equal(rows[0][0], 'document');
    assert.equal(rows.length - 1, 4, 'the four Policy segments');
  });

  it('refuses bad input with exit code 2 and one line, writing nothing', async () => {
    const target = path.join(out, 'refused.md');
    assertBadInput(await gloss('export', 'md', EXAMPLE, '-o', target, '--report', 'case'), /--report case needs --case ID/);
    assertBadInput(await gloss('export', 'md', EXAMPLE, '-o', target, '--report', 'case', '--case', 'atlantis'), /"atlantis" is not a case in cases\.yaml/);
    assertBadInput(await gloss('export', 'md', EXAMPLE, '-o', target, '--report', 'quotations', '--codes', 'org-policy,nope'), /Not in the codebook: nope\./);
    assertBadInput(await gloss('export', 'csv', EXAMPLE, '-o', target, '--report', 'matrices'), /CSV holds the codebook/);
    assertBadInput(await gloss('export', 'pdf', EXAMPLE, '-o', target), /value 'pdf' is invalid for argument 'format'. Allowed choices are csv, md, html/);
    assertBadInput(await gloss('export', 'md', EXAMPLE), /required option '-o, --output <file>' not specified/);
    await fs.writeFile(path.join(out, 'a-file'), '');
    assertBadInput(await gloss('export', 'md', EXAMPLE, '-o', path.join(out, 'a-file', 'x.md')), /Cannot write .*x\.md: part of its path is a file, not a folder\./);
    assertBadInput(await gloss('export', 'md', EXAMPLE, '-o', out), /Cannot write .*: it is a folder\./);
    await assert.rejects(fs.stat(target));
  });

  it('counts documents, codes, codings per coder and coverage, as JSON', async () => {
    const run = await gloss('stats', EXAMPLE, '--json');
    assert.equal(run.code, 0, run.stderr);
    const stats = JSON.parse(run.stdout);
    const files = (await fs.readdir(path.join(EXAMPLE, 'codings'), { recursive: true })).map(String).filter((f) => f.endsWith('.jsonl'));
    const perCoder = new Map<string, number>();
    for (const f of files) for (const c of parseCodingsFile(await fs.readFile(path.join(EXAMPLE, 'codings', f), 'utf8'), f).codings) perCoder.set(c.coder, (perCoder.get(c.coder) ?? 0) + 1);
    assert.deepEqual(stats.coders.map((c: { coder: string; codings: number }) => [c.coder, c.codings]), [...perCoder].sort(([a], [b]) => a.localeCompare(b)));
    assert.equal(stats.documents.length, 12);
    assert.deepEqual([stats.codes.inCodebook, stats.orphans, stats.unreadable], [24, 0, []]);
    assert.ok(stats.coverage.share > 0 && stats.coverage.share < 1);
    const text = await gloss('stats', EXAMPLE);
    assert.match(text.stdout, /^Codings: 194$/m);
    assert.match(text.stdout, /^Coverage: \d+\.\d % of the text is coded/m);
  });
});
