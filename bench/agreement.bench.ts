// Inter-coder agreement at the scale of a large study: 500 documents, 300 codes, 100,000 codings
// by two coders; every coefficient for every code and overall, on each kind of unit. Baseline:
// one pass over every coding summing its length, the least any computation over all codings must do.
import { computeAgreement, computeAgreementInSteps, type AgreementDocument } from '../src/core/agreement/agreement';
import { AGREEMENT_UNITS } from '../src/core/agreement/units';
import { timeMedian, withLongestBusyStretch, type BenchRow } from './measure';

const DOCUMENTS = 500;
const CODINGS = 100_000;
const CODES = 300;
const TARGET_MS = 2000;
/** The longest the agreement view may hold the extension host's event loop: below what a person notices. */
const RESPONSIVE_TARGET_MS = 100;
const CODERS = ['Joaquín', 'Marike'];

/** Two coders who often code the same passage with the same code, a little apart, and sometimes differ. */
function syntheticDocuments(): AgreementDocument[] {
  const perDocument = CODINGS / DOCUMENTS;
  const turn = 'Interviewer: and how did that go? Tell me.\n\nRespondent: ' + 'We wrote the policy together with the council and the committee. '.repeat(5) + '\n\n';
  const documents: AgreementDocument[] = [];
  let n = 0;
  for (let d = 0; d < DOCUMENTS; d++) {
    const text = turn.repeat(Math.ceil((perDocument * 60) / turn.length)) + `Document ${d}.`;
    const codings: AgreementDocument['codings'][number][] = [];
    for (let i = 0; i < perDocument; i += 2, n += 2) {
      const start = i * 60 + ((n * 37) % 40);
      const length = 40 + ((n * 13) % 160);
      const code = `c${(n * 7 + d) % CODES}`;
      const otherCode = n % 10 === 0 ? `c${(n * 11 + d) % CODES}` : code;
      const shift = (n * 17) % 12;
      codings.push({ coding: { code, coder: CODERS[0] }, span: { start, end: start + length } });
      codings.push({ coding: { code: otherCode, coder: CODERS[1] }, span: { start: start + shift, end: start + length + shift } });
    }
    documents.push({ path: `transcripts/t${d}.txt`, text, codings });
  }
  return documents;
}

export async function agreementBenchmarks(): Promise<BenchRow[]> {
  const documents = syntheticDocuments();
  let sink = 0;
  const baseline = await timeMedian(() => {
    let total = 0;
    for (const document of documents) for (const { span } of document.codings) total += span!.end - span!.start;
    sink += total;
  }, 9);
  const rows: BenchRow[] = [];
  const inOneGo = new Map<string, number>();
  for (const unit of AGREEMENT_UNITS) {
    const ms = await timeMedian(() => computeAgreement(documents, { coders: CODERS, unit }), 3);
    inOneGo.set(unit, ms);
    rows.push({
      task: `agreement, ${unit} units (500 documents x 300 codes, 100,000 codings by 2 coders): all coefficients, every code and overall, uα`,
      ms,
      baselineName: 'one pass summing 100,000 span lengths',
      baselineMs: baseline,
      target: `< ${TARGET_MS} ms`,
      met: ms < TARGET_MS,
    });
  }
  for (const unit of ['word', 'character'] as const) {
    const blocked = (await withLongestBusyStretch(() => computeAgreementInSteps(documents, { coders: CODERS, unit }))).longestMs;
    rows.push({
      task: `agreement in steps as the agreement view computes it (a document, then a code, per step), ${unit} units (same data): longest time the event loop is held`,
      ms: blocked,
      baselineName: 'the same computation in one go (holding the loop throughout)',
      baselineMs: inOneGo.get(unit)!,
      target: `< ${RESPONSIVE_TARGET_MS} ms`,
      met: blocked < RESPONSIVE_TARGET_MS,
    });
  }
  if (sink < 0) console.log(sink);
  return rows;
}
