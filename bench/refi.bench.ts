// REFI-QDA export at the scale of a large study: 500 documents, 100,000 codings by two coders, 300
// codes, 50 cases. Baseline (issue 11): the chosen libraries alone on the same content:
// fast-xml-parser's XMLBuilder writing the same project.qde from a ready object tree, fflate zipping
// it with the same source texts, and the file written. Target: the whole export within 2x of that.
// The export and its baseline take turns, so that a busier machine weighs on both alike.
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { zipSync, type Zippable } from 'fflate';
import { XMLBuilder, XMLParser } from 'fast-xml-parser';
import { formatCodingsFile } from '../src/core/codings/format';
import { codingsFilePath } from '../src/core/codings/paths';
import type { Coding } from '../src/core/model';
import { exportQdpx } from '../src/core/refi/export-files';
import { buildRefiProject, internalSourcePath } from '../src/core/refi/export-project';
import { absolutePath } from '../src/core/storage/files';
import { Study } from '../src/core/study/study';
import type { TextVersions } from '../src/core/study/versions';
import { textVersion } from '../src/core/text/normalise';
import { timeMediansTakingTurns, type BenchRow } from './measure';

const DOCUMENTS = 500;
const CODINGS = 100_000;
const CODES = 300;
const CASES = 50;
const NO_VERSIONS: TextVersions = { get: async () => undefined, remember: async () => undefined };

async function writeStudy(root: string): Promise<void> {
  const perDocument = CODINGS / DOCUMENTS;
  const codebook = ['codes:', ...Array.from({ length: CODES }, (_, c) => `  - id: code-${c}\n    name: Code ${c}\n    colour: "#4E79A7"\n    description: What code ${c} is about.`)];
  await fs.writeFile(path.join(root, 'codebook.yaml'), `${codebook.join('\n')}\n`);
  const cases = ['attributes:', '  region: { type: choice, values: [North, South] }', '  population: { type: number }', 'cases:'];
  for (let c = 0; c < CASES; c++) {
    cases.push(`  - id: c${c}`, `    name: Case ${c}`, `    attributes: { region: ${c % 2 === 0 ? 'North' : 'South'}, population: ${1000 * (c + 1)} }`, '    documents:');
    for (let d = c; d < DOCUMENTS; d += CASES) cases.push(`      - transcripts/t${d}.txt`);
  }
  await fs.writeFile(path.join(root, 'cases.yaml'), `${cases.join('\n')}\n`);
  const turn = 'Interviewer: and how did that go? Respondent: we wrote the policy together with the council. ';
  const text = turn.repeat(Math.ceil((perDocument * 120 + 200) / turn.length));
  const version = textVersion(text);
  await fs.mkdir(path.join(root, 'transcripts'), { recursive: true });
  for (let d = 0; d < DOCUMENTS; d++) {
    await fs.writeFile(path.join(root, `transcripts/t${d}.txt`), text);
    for (const coder of ['Marike', 'Joaquín']) {
      const codings: Coding[] = [];
      for (let n = coder === 'Marike' ? 0 : 1; n < perDocument; n += 2) {
        const start = n * 120;
        const end = start + 80;
        codings.push({
          id: `${d.toString(16).padStart(8, '0')}-0000-4000-8000-${n.toString(16).padStart(12, '0')}`,
          code: `code-${(n * 7 + d) % CODES}`,
          start,
          end,
          quote: text.slice(start, end),
          prefix: text.slice(Math.max(0, start - 32), start),
          suffix: text.slice(end, end + 32),
          version,
          coder,
          created: '2026-11-28T10:00:00.000Z',
          ...(n % 50 === 0 ? { memo: 'A telling passage about the council.' } : {}),
        });
      }
      const file = absolutePath(root, codingsFilePath(coder, `transcripts/t${d}.txt`));
      await fs.mkdir(path.dirname(file), { recursive: true });
      await fs.writeFile(file, formatCodingsFile(codings));
    }
  }
}

export async function refiBenchmarks(): Promise<BenchRow[]> {
  const root = await fs.mkdtemp(path.join(os.tmpdir(), 'gloss-bench-refi-'));
  try {
    await writeStudy(root);
    const study = await Study.load(root);
    const out = path.join(root, '..', `${path.basename(root)}.qdpx`);
    const project = await buildRefiProject(study, { versions: NO_VERSIONS, origin: 'Gloss bench' });
    if (project.counts.selections !== CODINGS) throw new Error(`exported ${project.counts.selections} of ${CODINGS} codings`);

    // The same document as an object tree, built by the library alone, zipped with the same texts.
    const tree: unknown = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@_', parseAttributeValue: false, parseTagValue: false, trimValues: false }).parse(project.xml);
    const builder = new XMLBuilder({ ignoreAttributes: false, attributeNamePrefix: '@_', suppressEmptyNode: true, suppressBooleanAttributes: false, format: false });
    const baselineFile = `${out}.baseline`;
    const { baseline, exported } = await timeMediansTakingTurns(
      {
        baseline: async () => {
          const entries: Zippable = { 'project.qde': Buffer.from(builder.build(tree) as string, 'utf8') };
          for (const [guid, text] of project.sources) entries[internalSourcePath(guid)] = Buffer.from(text, 'utf8');
          await fs.writeFile(baselineFile, zipSync(entries, { level: 6 }));
        },
        exported: () => exportQdpx(study, out, { versions: NO_VERSIONS, origin: 'Gloss bench' }),
      },
      3,
    );
    await Promise.all([fs.rm(out, { force: true }), fs.rm(baselineFile, { force: true })]);
    return [
      {
        task: 'REFI-QDA export of 500 documents, 100,000 codings (place, build project.qde, zip, write .qdpx)',
        ms: exported,
        baselineName: 'fast-xml-parser XMLBuilder.build of the same project.qde from a ready object tree + fflate zipSync with the same texts + fs.writeFile, same run',
        baselineMs: baseline,
        target: '< 2x baseline',
        met: exported < 2 * baseline,
      },
    ];
  } finally {
    await fs.rm(root, { recursive: true, force: true });
  }
}
