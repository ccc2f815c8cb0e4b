// Anchoring at scale: mapping 10,000 codings through a keystroke in the editor, and re-anchoring
// 2,000 codings on a 1,000,000-character transcript after 20 and after 2,000 scattered edits.
// Each beside a baseline measured in the same run: the least work the task cannot avoid (a plain
// loop over the offsets; the character diff of the same two texts), and once more under a tiny
// diff work budget, which must leave codings as orphans rather than misplace them.
import DiffMatchPatch from 'diff-match-patch';
import { LiveSpans } from '../src/core/anchoring/live';
import { reanchorCodings, summariseReanchoring } from '../src/core/anchoring/reanchor';
import type { Coding } from '../src/core/model';
import { interviewCodings, interviewText, Random } from '../test/unit/helpers/tracked-text';
import { timeMedian, type BenchRow } from './measure';

const LIVE_SPANS = 10_000;
const TRANSCRIPT_LENGTH = 1_000_000;
const CODINGS = 2_000;
/** A work budget so small that the diff resolves nothing but common beginnings and ends. */
const TINY_WORK_BUDGET = 50;

export async function anchoringBenchmarks(): Promise<BenchRow[]> {
  return [...(await keystrokeRows()), ...(await reanchoringRows())];
}

/** One keystroke in a 1,000,000-character document with 10,000 coded passages. */
async function keystrokeRows(): Promise<BenchRow[]> {
  const text = transcript(new Random(1));
  const spans = Array.from({ length: LIVE_SPANS }, (_, i) => {
    const start = Math.floor((i * text.length) / LIVE_SPANS);
    return { start, end: start + 60 };
  });
  const live = new LiveSpans(text, spans);
  const middle = Math.floor(text.length / 2);
  let typed = 0;
  const keystroke = (): void => {
    live.applyChanges([{ rangeOffset: middle + (typed++ % 40), rangeLength: 0, text: 'a' }]);
  };
  let deleted = 0;
  const backspace = (): void => {
    live.applyChanges([{ rangeOffset: middle + 40 - (deleted++ % 40), rangeLength: 1, text: '' }]);
  };
  // Baseline: the least a mapping must do, adding the change's length to every later offset.
  const starts = new Int32Array(spans.map((span) => span.start));
  const ends = new Int32Array(spans.map((span) => span.end));
  const shiftOnly = (): void => {
    for (let i = 0; i < starts.length; i++) {
      if (starts[i] > middle) {
        starts[i] += 1;
        ends[i] += 1;
      }
    }
  };
  const baseline = await timeMedian(shiftOnly, 500);
  const typing = await timeMedian(keystroke, 500);
  const deleting = await timeMedian(backspace, 500);
  return [
    row('live: 10,000 codings through one typed character (1M-char document)', typing, 'plain loop shifting 10,000 offsets', baseline, 1),
    row('live: 10,000 codings through one backspace (1M-char document)', deleting, 'plain loop shifting 10,000 offsets', baseline, 1),
  ];
}

/** Re-anchoring 2,000 codings after scattered edits, with and without the old text. */
async function reanchoringRows(): Promise<BenchRow[]> {
  const random = new Random(2);
  const oldText = transcript(random);
  const codings = interviewCodings(oldText, random, CODINGS);
  const rows: BenchRow[] = [];
  for (const edits of [20, 2_000]) {
    const newText = scatteredEdits(oldText, edits, new Random(edits));
    const diffOnly = (): void => {
      const engine = new DiffMatchPatch();
      engine.Diff_Timeout = 2;
      engine.diff_main(oldText, newText, true);
    };
    const baseline = await timeMedian(diffOnly, 3);
    const withOld = await timeMedian(() => reanchorCodings(oldText, newText, codings), 3);
    const statistics = summariseReanchoring(reanchorCodings(oldText, newText, codings));
    rows.push(
      row(
        `re-anchor 2,000 codings, 1M chars, ${edits} edits, old text (${describe(statistics)})`,
        withOld,
        'diff-match-patch diff of the same texts',
        baseline,
        edits === 20 ? 300 : undefined,
      ),
    );
    if (edits === 2_000) rows.push(await tinyBudgetRow(oldText, newText, codings, withOld));
    const withoutOld = await timeMedian(() => reanchorCodings(undefined, newText, codings), 1);
    const statisticsWithout = summariseReanchoring(reanchorCodings(undefined, newText, codings));
    rows.push(row(`re-anchor 2,000 codings, 1M chars, ${edits} edits, no old text (${describe(statisticsWithout)})`, withoutOld, 'diff-match-patch diff of the same texts', baseline));
  }
  return rows;
}

/**
 * The same re-anchoring with a diff that gives up at once (as a machine too slow for the diff
 * would be, were it bounded by time): codings are placed by quote and context or left as orphans.
 * Baseline: the same task under the normal budget.
 */
async function tinyBudgetRow(oldText: string, newText: string, codings: readonly Coding[], normalMs: number): Promise<BenchRow> {
  const options = { diffWorkBudget: TINY_WORK_BUDGET };
  const ms = await timeMedian(() => reanchorCodings(oldText, newText, codings, options), 1);
  const statistics = summariseReanchoring(reanchorCodings(oldText, newText, codings, options));
  return row(`re-anchor under a tiny work budget (${TINY_WORK_BUDGET} units): 2,000 codings, 1M chars, 2000 edits (${describe(statistics)})`, ms, 'same task, normal budget', normalMs);
}

function row(task: string, ms: number, baselineName: string, baselineMs: number, targetMs?: number): BenchRow {
  return targetMs === undefined
    ? { task, ms, baselineName, baselineMs }
    : { task, ms, baselineName, baselineMs, target: `< ${targetMs} ms`, met: ms < targetMs };
}

function describe(statistics: ReturnType<typeof summariseReanchoring>): string {
  return `${statistics.exact} exact, ${statistics.mapped} mapped, ${statistics.fuzzy} fuzzy, ${statistics.orphaned} orphans`;
}

/** An interview transcript of about TRANSCRIPT_LENGTH characters. */
function transcript(random: Random): string {
  let text = '';
  while (text.length < TRANSCRIPT_LENGTH) text += interviewText(random, 500);
  return text;
}

/** `count` small edits spread over the text: typos, inserted words, deleted characters. */
function scatteredEdits(text: string, count: number, random: Random): string {
  const places = Array.from({ length: count }, () => random.below(text.length - 10)).sort((a, b) => b - a);
  let result = text;
  for (const at of places) {
    const removed = random.below(4);
    const inserted = random.pick(['', 'x', 'the ', ', ', 'Yeah. ']);
    result = result.slice(0, at) + inserted + result.slice(at + removed);
  }
  return result;
}
