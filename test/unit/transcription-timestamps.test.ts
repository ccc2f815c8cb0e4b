import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { findTimestamps, formatTimestamp, timestampAt, timestampStyleOf, turnAt } from '../../src/core/transcription/timestamps';

const TRANSCRIPT = `# Interview: VEL-01

[00:00:48] I: Misschien kunt u vertellen [00:00:52] wat uw functie is?

[00:00:58] R: Ja.

[00:01:40] I: En dat is veranderd?
`;

describe('transcript time marks', () => {
  it('finds marks that open a line and marks inside one, with their seconds', () => {
    const marks = findTimestamps(TRANSCRIPT);
    assert.deepEqual(marks.map((m) => [TRANSCRIPT.slice(m.start, m.end), m.seconds, m.opensLine]), [
      ['[00:00:48]', 48, true],
      ['[00:00:52]', 52, false],
      ['[00:00:58]', 58, true],
      ['[00:01:40]', 100, true],
    ]);
    const other = '(01:02) a\n#00:01:02-3# b\n00:10:00.5 c\nnot 12:30 a time\n[00:99:00] no\n';
    assert.deepEqual(findTimestamps(other).map((m) => m.seconds), [62, 62.3, 600.5]);
  });

  it('reads the style of the first mark and writes new marks in it', () => {
    assert.deepEqual(timestampStyleOf(TRANSCRIPT), { brackets: 'square', hours: true, fractionDigits: 0, fractionSeparator: '.' });
    assert.equal(formatTimestamp(3725.9, timestampStyleOf(TRANSCRIPT)), '[01:02:05]');
    assert.equal(formatTimestamp(62.349, timestampStyleOf('(01:02.5) x')), '(01:02.3)');
    assert.equal(formatTimestamp(62.349, timestampStyleOf('#00:01:02-3# x')), '#00:01:02-3#');
    assert.equal(formatTimestamp(4000, timestampStyleOf('(01:02) x')), '(01:06:40)');
    assert.equal(formatTimestamp(12, timestampStyleOf('no marks')), '[00:00:12]');
  });

  it('writes marks that read back as the time heard, cut to the shown precision', () => {
    const styles = ['[00:00:00]', '(00:00)', '#00:00:00-0#', '[00:00:00,000]'].map(timestampStyleOf);
    fc.assert(
      fc.property(fc.double({ min: 0, max: 36_000, noNaN: true }), fc.integer({ min: 0, max: styles.length - 1 }), (seconds, which) => {
        const mark = formatTimestamp(seconds, styles[which]);
        const [read] = findTimestamps(`${mark} x`);
        assert.ok(read, mark);
        assert.ok(read.seconds <= seconds + 1e-6 && seconds - read.seconds < 1, `${mark} for ${seconds}`);
      }),
    );
  });

  it('finds the mark a cursor means and the turn heard at a time', () => {
    const second = TRANSCRIPT.indexOf('wat uw');
    assert.equal(timestampAt(TRANSCRIPT, second)?.seconds, 52);
    assert.equal(timestampAt(TRANSCRIPT, TRANSCRIPT.indexOf('I: Misschien'))?.seconds, 48);
    assert.equal(timestampAt(TRANSCRIPT, 3), undefined);
    assert.equal(turnAt(TRANSCRIPT, 10), undefined);
    const turn = turnAt(TRANSCRIPT, 60)!;
    assert.equal(TRANSCRIPT.slice(turn.start, turn.end), '[00:00:58] R: Ja.');
    const last = turnAt(TRANSCRIPT, 1000)!;
    assert.equal(TRANSCRIPT.slice(last.start, last.end), '[00:01:40] I: En dat is veranderd?');
  });
});
