// codebook.yaml at 1,000, 10,000 and 50,000 sibling codes (each with a comment, a colour and a
// description): reading it, adding a code and renaming one, against the yaml package reading (and,
// for edits, rewriting) the same text in the same run.
import { parseDocument } from 'yaml';
import { addCode, renameCode } from '../src/core/codebook/edit';
import { analyseCodebook } from '../src/core/codebook/parse';
import { timeMedian, type BenchRow } from './measure';

// Runs after a warm-up run: fewer for the large files, which take seconds each.
const SIZES: ReadonlyArray<{ codes: number; runs: number }> = [
  { codes: 1_000, runs: 7 },
  { codes: 10_000, runs: 3 },
  { codes: 50_000, runs: 1 },
];

function codebookText(codes: number): string {
  const lines = ['# A codebook of many codes', 'codes:'];
  for (let i = 0; i < codes; i++) lines.push(`  # code ${i}`, `  - id: c${i}`, `    name: Code ${i}`, `    colour: "#4E79A7"`, `    description: What code ${i} is about.`);
  return lines.join('\n') + '\n';
}

/** Targets: reading within twice the yaml package's parse; an edit reads the file twice (before, and its result back). */
export async function codebookFileBenchmarks(): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  for (const { codes, runs } of SIZES) {
    const text = codebookText(codes);
    const count = codes.toLocaleString('en');
    const size = `${(text.length / 1024 / 1024).toFixed(1)} MB`;
    const yamlRead = await timeMedian(() => parseDocument(text), runs);
    const yamlRewrite = await timeMedian(() => String(parseDocument(text)), runs);
    // analyseCodebook keeps its last reading of a text: two texts (one with a comment more) take
    // turns, so that every run reads the file.
    const texts = [text, `${text}# one comment more\n`];
    let turn = 0;
    const read = await timeMedian(() => analyseCodebook(texts[turn++ % 2], 'codebook.yaml'), runs);
    rows.push({ task: `Codebook: read ${count} codes (${size}; codes, problems, layout)`, ms: read, baselineName: 'yaml parseDocument of the same text', baselineMs: yamlRead, target: '< 2 × baseline', met: read < 2 * yamlRead });
    const add = await timeMedian(() => addCode(text, { id: 'new', name: 'New code' }, undefined), runs);
    rows.push({ task: `Codebook: add a code to ${count} codes (edit and read-back)`, ms: add, baselineName: 'yaml parseDocument + toString of the same text', baselineMs: yamlRewrite, target: '< 4 × baseline', met: add < 4 * yamlRewrite });
    const rename = await timeMedian(() => renameCode(text, `c${codes >> 1}`, 'Renamed'), runs);
    rows.push({ task: `Codebook: rename one of ${count} codes (edit and read-back)`, ms: rename, baselineName: 'yaml parseDocument + toString of the same text', baselineMs: yamlRewrite, target: '< 4 × baseline', met: rename < 4 * yamlRewrite });
  }
  return rows;
}
