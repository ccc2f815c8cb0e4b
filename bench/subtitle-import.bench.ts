// Importing a 3-hour WebVTT (one cue every 3 s, two speakers in voice tags, 3,600 cues): parsing
// every cue and writing the transcript atomically into a study, against a plain line parse of the
// same file (split into lines, match the timing lines with one regex) and writing its text with
// fs.writeFile (no flush to disk, which the atomic write does). Target: under a second, so the import
// of a long interview feels immediate.
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { importSubtitles } from '../src/core/transcription/import';
import { timeMedian, type BenchRow } from './measure';

const HOURS = 3;
const CUE_SECONDS = 3;

function clock(seconds: number): string {
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  return `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}:${s.toFixed(3).padStart(6, '0')}`;
}

function buildVtt(): { text: string; cues: number } {
  const lines = ['WEBVTT', ''];
  const cues = (HOURS * 3600) / CUE_SECONDS;
  for (let i = 0; i < cues; i++) {
    const start = i * CUE_SECONDS;
    const speaker = Math.floor(i / 5) % 2 === 0 ? 'Interviewer' : 'Respondent';
    lines.push(String(i + 1), `${clock(start)} --> ${clock(start + CUE_SECONDS - 0.2)}`, `<v ${speaker}>and then the council decided, <i>after a long debate</i>, to fund it</v>`, '');
  }
  return { text: lines.join('\n'), cues };
}

export async function subtitleImportBenchmarks(): Promise<BenchRow[]> {
  const scratch = await fs.mkdtemp(path.join(os.tmpdir(), 'gloss-bench-vtt-'));
  try {
    const { text, cues } = buildVtt();
    await fs.writeFile(path.join(scratch, 'interview.vtt'), text);
    const imported = await timeMedian(async () => {
      await fs.rm(path.join(scratch, 'interview.txt'), { force: true });
      const result = await importSubtitles(scratch, 'interview.vtt');
      if (result.segments !== cues) throw new Error(`imported ${result.segments} of ${cues} cues`);
    }, 5);
    const timing = /^(\d+):(\d{2}):(\d{2})\.(\d{3}) --> /;
    const baseline = await timeMedian(async () => {
      const source = await fs.readFile(path.join(scratch, 'interview.vtt'), 'utf8');
      const out: string[] = [];
      const all = source.split('\n');
      for (let i = 0; i < all.length; i++) if (timing.test(all[i])) out.push(all[i + 1]);
      await fs.writeFile(path.join(scratch, 'plain.txt'), out.join('\n'));
    }, 5);
    return [
      {
        task: `Import of a ${HOURS}-hour WebVTT (${cues.toLocaleString('en')} cues, voice tags, merged into turns, atomic write)`,
        ms: imported,
        baselineName: 'plain line parse (split, one regex) + fs.writeFile',
        baselineMs: baseline,
        target: 'under 1,000 ms',
        met: imported < 1000,
      },
    ];
  } finally {
    await fs.rm(scratch, { recursive: true, force: true });
  }
}
