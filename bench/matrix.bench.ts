// The comparison's matrices at the scale of a large study: 500 documents, 300 codes (30 themes of
// 9 sub-codes), 100,000 codings by two coders, 50 cases. Baseline: one pass over every coding
// summing its length, the least any computation over all codings must do.
import { parseCases } from '../src/core/cases/cases';
import { Codebook } from '../src/core/codebook/codebook';
import { computeCodeMatrix, computeCooccurrence, type MatrixDocument, type MatrixInput } from '../src/core/matrix';
import type { Code } from '../src/core/model';
import { timeMedian, type BenchRow } from './measure';

const DOCUMENTS = 500;
const CODINGS = 100_000;
const THEMES = 30;
const SUB_CODES = 9;
const CASES = 50;
const TARGET_MS = 200;

function syntheticInput(): MatrixInput {
  const codes: Code[] = [];
  for (let t = 0; t < THEMES; t++) {
    codes.push({ id: `t${t}`, name: `Theme ${t}` });
    for (let s = 0; s < SUB_CODES; s++) codes.push({ id: `t${t}-${s}`, name: `Code ${t}.${s}`, parentId: `t${t}` });
  }
  const perDocument = CODINGS / DOCUMENTS;
  const casesYaml = ['attributes:', '  region: { type: choice, values: [North, South] }', 'cases:'];
  for (let c = 0; c < CASES; c++) {
    casesYaml.push(`  - id: c${c}`, `    attributes: { region: ${c % 2 === 0 ? 'North' : 'South'} }`, '    documents:');
    for (let d = c; d < DOCUMENTS; d += CASES) casesYaml.push(`      - transcripts/t${d}.txt`);
  }
  const turn = 'Interviewer: and how did that go?\n\nRespondent: ' + 'we wrote the policy together with the council and the committee. '.repeat(5) + '\n\n';
  const text = turn.repeat(Math.ceil((perDocument * 120) / turn.length));
  const documents: MatrixDocument[] = [];
  let n = 0;
  for (let d = 0; d < DOCUMENTS; d++) {
    const segments = [];
    for (let i = 0; i < perDocument; i++, n++) {
      const start = i * 120 + ((n * 37) % 60);
      segments.push({ id: `s${n}`, code: codes[(n * 7 + d) % codes.length].id, coder: n % 3 === 0 ? 'Joaquín' : 'Marike', start, end: start + 40 + ((n * 13) % 160) });
    }
    segments.sort((a, b) => a.start - b.start);
    documents.push({ path: `transcripts/t${d}.txt`, text, length: text.length, segments, orphans: [] });
  }
  return { codebook: new Codebook(codes), cases: parseCases(casesYaml.join('\n') + '\n').cases, documents };
}

export async function matrixBenchmarks(): Promise<BenchRow[]> {
  const input = syntheticInput();
  let sink = 0;
  const baseline = await timeMedian(() => {
    let total = 0;
    for (const document of input.documents) for (const segment of document.segments) total += segment.end - segment.start;
    sink += total;
  }, 9);
  const rows: BenchRow[] = [];
  const row = (task: string, ms: number, target = true): BenchRow => ({
    task,
    ms,
    baselineName: 'one pass summing 100,000 span lengths',
    baselineMs: baseline,
    ...(target ? { target: `< ${TARGET_MS} ms`, met: ms < TARGET_MS } : {}),
  });
  const label = '500 documents x 300 codes, 100,000 codings';
  rows.push(row(`code x case matrix (${label}): segments, documents, coverage`, await timeMedian(() => computeCodeMatrix(input, { columns: { kind: 'case' }, rollUp: false }), 7)));
  rows.push(row(`code x case matrix, sub-codes rolled up`, await timeMedian(() => computeCodeMatrix(input, { columns: { kind: 'case' }, rollUp: true }), 7)));
  rows.push(row(`code x document matrix (500 columns), one coder`, await timeMedian(() => computeCodeMatrix(input, { columns: { kind: 'document' }, rollUp: false, coders: new Set(['Marike']) }), 7)));
  rows.push(row(`code x attribute (region) matrix`, await timeMedian(() => computeCodeMatrix(input, { columns: { kind: 'attribute', attribute: 'region' }, rollUp: false }), 7)));
  rows.push(row(`co-occurrence 300 x 300, overlapping segments`, await timeMedian(() => computeCooccurrence(input, { proximity: { kind: 'overlap' }, rollUp: false }), 5), false));
  rows.push(row(`co-occurrence 300 x 300, same speaker turn`, await timeMedian(() => computeCooccurrence(input, { proximity: { kind: 'turn' }, rollUp: false }), 5), false));
  const matrix = computeCodeMatrix(input, { columns: { kind: 'document' }, rollUp: false });
  const payload = JSON.stringify(matrix.rows.map((r) => [r.cells.segments, r.cells.documents, r.cells.covered]));
  rows.push({ task: 'code x document matrix sent to the webview', ms: NaN, note: `${(payload.length / 1e6).toFixed(1)} MB of JSON`, baselineName: '', baselineMs: NaN });
  if (sink < 0) console.log(sink);
  return rows;
}
