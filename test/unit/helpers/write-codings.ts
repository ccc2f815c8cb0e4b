// A second writer in its own process (a script, another window): adds N codings to Marike's file
// of one document, one write each, through the study. Arguments: study root, id prefix, N.
import { Study } from '../../../src/core/study/study';

async function main(): Promise<void> {
  const [root, prefix, count] = process.argv.slice(2);
  const study = await Study.load(root);
  // The test starts its own writes on this line, so both processes write at the same time.
  process.stdout.write('loaded\n');
  for (let i = 0; i < Number(count); i++) {
    const record = { id: `${prefix}-${i}`, code: 'policy', start: i * 10, end: i * 10 + 4, quote: 'abcd', prefix: '', suffix: '', version: 'v1', coder: 'Marike', created: '2026-01-01T00:00:00.000Z' };
    await study.updateCodings('Marike', 'transcripts/t1.txt', (onDisk) => [...onDisk, record]);
  }
}

void main();
