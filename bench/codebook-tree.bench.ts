// The codebook tree at the scale of a large study: 1,000 codes (10 themes × 9 codes × 10 sub-codes
// plus the 100 above them) and 100,000 codings over 200 documents. Measures what the tree
// provider computes (counts, rows of the root level, rows of every level, the segments under
// codes, a filter) against plain loops over the same data in the same run.
import { Codebook } from '../src/core/codebook/codebook';
import { NO_CASES } from '../src/core/cases/cases';
import type { Code, Coding } from '../src/core/model';
import { countCodings } from '../src/core/statistics/counts';
import type { PlacedDocument } from '../src/core/study/placement';
import { retrieveSegments } from '../src/core/retrieval/segments';
import { segmentsToCsv } from '../src/core/retrieval/csv';
import { CodebookTreeModel, SegmentIndex } from '../src/codebook-view/model';
import { timeMedian, type BenchRow } from './measure';

const DOCUMENTS = 200;
const CODINGS = 100_000;
const SEGMENT_LIMIT = 200;

function syntheticCodebook(): Codebook {
  const codes: Code[] = [];
  for (let a = 0; a < 10; a++) {
    const theme = `t${a}`;
    codes.push({ id: theme, name: `Theme ${a}`, colour: '#4E79A7', description: `What theme ${a} is about.` });
    for (let b = 0; b < 9; b++) {
      const code = `${theme}-c${b}`;
      codes.push({ id: code, name: `Code ${a}.${b}`, colour: '#F28E2B', parentId: theme });
      for (let c = 0; c < 10; c++) codes.push({ id: `${code}-s${c}`, name: `Sub-code ${a}.${b}.${c}`, parentId: code, description: 'When a respondent says so.' });
    }
  }
  return new Codebook(codes);
}

function syntheticDocuments(codebook: Codebook): PlacedDocument[] {
  const perDocument = CODINGS / DOCUMENTS;
  const line = '[00:01:42] R: we wrote the policy together with the council and the committee, and it held up.\n\n';
  const text = line.repeat(perDocument);
  const documents: PlacedDocument[] = [];
  for (let d = 0; d < DOCUMENTS; d++) {
    const codings = [];
    for (let n = 0; n < perDocument; n++) {
      const start = n * line.length + 14;
      const coding: Coding = {
        id: `${d}-${n}`,
        code: codebook.codes[(n * 7 + d * 13) % codebook.size].id,
        start,
        end: start + 60,
        quote: text.slice(start, start + 60),
        prefix: '',
        suffix: '',
        version: 'v',
        coder: n % 2 === 0 ? 'Marike' : 'Joaquín',
        created: '2026-11-28T10:00:00.000Z',
      };
      codings.push({ coding, span: { start: coding.start, end: coding.end } });
    }
    documents.push({ path: `transcripts/t${d}.txt`, text, version: 'v', codings });
  }
  return documents;
}

export async function codebookTreeBenchmarks(): Promise<BenchRow[]> {
  const codebook = syntheticCodebook();
  const documents = syntheticDocuments(codebook);
  const files = documents.map((d) => ({ documentPath: d.path, codings: d.codings.map((p) => p.coding) }));
  const rows: BenchRow[] = [];

  // Baseline: one plain pass over every coding, counting per code.
  const loop = await timeMedian(() => {
    const counts = new Map<string, number>();
    for (const f of files) for (const c of f.codings) counts.set(c.code, (counts.get(c.code) ?? 0) + 1);
    return counts;
  }, 9);
  const counts = await timeMedian(() => countCodings(codebook, files), 9);
  rows.push({ task: 'Codebook tree: counts of 1,000 codes over 100,000 codings (own + with sub-codes, documents)', ms: counts, baselineName: 'plain loop counting codings per code', baselineMs: loop });

  const countsOnce = countCodings(codebook, files);
  const root = await timeMedian(() => new CodebookTreeModel(codebook, countCodings(codebook, files), undefined).roots(), 9);
  rows.push({ task: 'Codebook tree: root level from a change (counts + rows)', ms: root, baselineName: 'plain loop counting codings per code', baselineMs: loop, target: '< 100 ms', met: root < 100 });

  const expandAll = await timeMedian(() => {
    const model = new CodebookTreeModel(codebook, countsOnce, undefined);
    const visit = (rows: ReturnType<CodebookTreeModel['roots']>): number => rows.reduce((n, r) => n + 1 + visit(model.children(r.code.id)), 0);
    return visit(model.roots());
  }, 9);
  const codeLoop = await timeMedian(() => {
    let n = 0;
    for (const code of codebook.codes) n += code.name.length + (countsOnce.own.get(code.id)?.codings ?? 0);
    return n;
  }, 9);
  rows.push({ task: 'Codebook tree: rows of all 1,000 codes (every level expanded)', ms: expandAll, baselineName: 'plain loop over the codes', baselineMs: codeLoop, target: '< 100 ms', met: expandAll < 100 });

  const index = await timeMedian(() => new SegmentIndex(codebook, NO_CASES, documents), 5);
  rows.push({ task: 'Codebook tree: index of 100,000 segments by code (first expansion)', ms: index, baselineName: 'plain loop counting codings per code', baselineMs: loop, target: '< 200 ms', met: index < 200 });

  const built = new SegmentIndex(codebook, NO_CASES, documents);
  const oneCode = codebook.codes[500].id;
  const expandCode = await timeMedian(() => new SegmentIndex(codebook, NO_CASES, documents).rows(oneCode, SEGMENT_LIMIT), 5);
  rows.push({ task: `Codebook tree: expand one code with its ${built.count(oneCode)} segments (index + rows, cold)`, ms: expandCode, baselineName: 'plain loop counting codings per code', baselineMs: loop, target: '< 200 ms', met: expandCode < 200 });

  const warm = await timeMedian(() => built.rows(codebook.codes[(Math.random() * codebook.size) | 0].id, SEGMENT_LIMIT), 21);
  rows.push({ task: 'Codebook tree: expand any code with its ~100 segments (index built)', ms: warm, baselineName: 'plain loop counting codings per code', baselineMs: loop, target: '< 50 ms', met: warm < 50 });

  const filter = await timeMedian(() => new CodebookTreeModel(codebook, countsOnce, 'sub-code 5.3').roots(), 9);
  rows.push({ task: 'Codebook tree: filter 1,000 codes by name and description', ms: filter, baselineName: 'plain loop over the codes', baselineMs: codeLoop, target: '< 50 ms', met: filter < 50 });

  const theme = codebook.roots[3].id;
  const retrieve = await timeMedian(() => retrieveSegments(codebook, NO_CASES, documents, { codeIds: [theme], includeSubcodes: true }), 3);
  const retrieved = retrieveSegments(codebook, NO_CASES, documents, { codeIds: [theme], includeSubcodes: true });
  rows.push({ task: `Retrieval: a theme with sub-codes (${retrieved.length.toLocaleString('en')} of 100,000 segments, with lines and context)`, ms: retrieve, baselineName: 'plain loop counting codings per code', baselineMs: loop, target: '< 500 ms', met: retrieve < 500 });
  const csv = await timeMedian(() => segmentsToCsv(retrieved), 3);
  rows.push({ task: `Retrieval: CSV of those ${retrieved.length.toLocaleString('en')} segments`, ms: csv, baselineName: 'plain loop counting codings per code', baselineMs: loop });
  return rows;
}
