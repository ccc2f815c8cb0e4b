// Reliability data read from CSV for `gloss alpha`: units as rows, coders as columns, empty cells
// missing; malformed files refused with the line.
import { strict as assert } from 'node:assert';
import { krippendorffAlpha } from '../../src/core/agreement/coefficients/krippendorff-alpha';
import { parseReliabilityCsv, ReliabilityCsvError } from '../../src/core/agreement/reliability-csv';

// Krippendorff (2011), section C, one row per unit (see agreement-coefficients.test.ts).
const KRIPPENDORFF_2011_C_CSV = ['A,B,C,D', '1,1,,1', '2,2,3,2', '3,3,3,3', '3,3,3,3', '2,2,2,2', '1,2,3,4', '4,4,4,4', '1,1,2,1', '2,2,2,2', ',5,5,5', ',,1,1', ',3,,'].join('\r\n') + '\r\n';

describe('reliability data from CSV', () => {
  it("reads Krippendorff 2011's example with missing cells and gives the printed alphas", () => {
    const interval = parseReliabilityCsv(KRIPPENDORFF_2011_C_CSV, 'interval');
    assert.deepEqual(interval.coders, ['A', 'B', 'C', 'D']);
    assert.equal(interval.rows.length, 12);
    assert.equal(Number(krippendorffAlpha(interval, 'interval').value!.toFixed(3)), 0.849);
    assert.equal(Number(krippendorffAlpha(parseReliabilityCsv(KRIPPENDORFF_2011_C_CSV.replace(/\r\n/g, '\n'), 'nominal'), 'nominal').value!.toFixed(3)), 0.743);
  });

  it('keeps text categories at the nominal level, quoted cells with commas, quotes and line breaks included', () => {
    const data = parseReliabilityCsv('\uFEFF"Ana, first",Ben\n"yes, clearly","said ""no""\nreally"\nno,\n\n', 'nominal');
    assert.deepEqual(data.coders, ['Ana, first', 'Ben']);
    assert.deepEqual(data.rows.map((row) => row.values), [['yes, clearly', 'said "no"\nreally'], ['no', undefined]]);
  });

  it('refuses malformed files with the line and the reason', () => {
    const refused = (text: string, level: 'nominal' | 'interval', pattern: RegExp) =>
      assert.throws(() => parseReliabilityCsv(text, level), (error: Error) => error instanceof ReliabilityCsvError && pattern.test(error.message), text);
    refused('', 'nominal', /empty/);
    refused('A,B\n', 'nominal', /No units/);
    refused('A\n1\n', 'nominal', /fewer than two coders/);
    refused('A,B\n1,2\n1,2,3\n', 'nominal', /^Line 3: 3 cells where the header has 2/);
    refused('A,B\n1,2\n"open,2\n', 'nominal', /^Line 3: A quoted cell is not closed/);
    refused('A,B\n1,x"y\n', 'nominal', /^Line 2: A quote inside an unquoted cell/);
    refused('A,B\n"1"x,2\n', 'nominal', /^Line 2: Text after the closing quote/);
    refused('A,B\n1,2\n3,high\n', 'interval', /^Line 3: "high" \(B\) is not a number/);
  });
});
