// The comparison's remembered columns and metric: what the workspace's memory gives back is
// checked (a stored value may come from another version or be edited by hand), and a choice by an
// attribute the study no longer has falls back to the default columns.
import { strict as assert } from 'node:assert';
import { fitToStudy, RememberedChoice, storedChoice, type Memory } from '../../src/comparison/remembered-choice';
import { DEFAULT_VIEW, type StudyInfo, type ViewState } from '../../src/shared/comparison-protocol';

const study: StudyInfo = { open: true, attributes: ['region', 'country'], coders: [], frameworks: [] };

/** A memory like the workspace's: a map, with the writes counted. */
function memory(): Memory & { writes: number } {
  const values = new Map<string, unknown>();
  return {
    writes: 0,
    get: (key) => values.get(key),
    update(key, value) {
      this.writes++;
      values.set(key, value);
      return Promise.resolve();
    },
  };
}

describe('comparison: remembered columns and metric', () => {
  it('gives back the columns and metric of the view last remembered, and writes only when they change', async () => {
    const stored = memory();
    const choice = new RememberedChoice(stored);
    assert.deepEqual(choice.get(), {});
    const view: ViewState = { ...DEFAULT_VIEW, columns: { kind: 'attribute', attribute: 'region' }, metric: 'coverage', rollUp: true };
    await choice.remember(view);
    assert.deepEqual(new RememberedChoice(stored).get(), { columns: { kind: 'attribute', attribute: 'region' }, metric: 'coverage' });
    await choice.remember({ ...view, tab: 'cooccurrence', rollUp: false });
    assert.equal(stored.writes, 1, 'other fields of the view are not remembered');
    await choice.remember({ ...view, metric: 'presence' });
    assert.equal(stored.writes, 2);
    assert.deepEqual(choice.get().metric, 'presence');
    // A malformed view (a webview's message is input like any other) is not remembered.
    await choice.remember({ ...view, metric: 'percent' } as unknown as ViewState);
    await choice.remember({ ...view, columns: { kind: 'attribute' } } as unknown as ViewState);
    assert.equal(stored.writes, 2);
  });

  it('keeps only the well-formed fields of what is stored', () => {
    assert.deepEqual(storedChoice(undefined), {});
    assert.deepEqual(storedChoice('document'), {});
    assert.deepEqual(storedChoice([{ kind: 'case' }]), {});
    assert.deepEqual(storedChoice({ columns: { kind: 'document', extra: 1 }, metric: 'documents' }), { columns: { kind: 'document' }, metric: 'documents' });
    assert.deepEqual(storedChoice({ columns: { kind: 'attribute' }, metric: 'percent' }), {});
    assert.deepEqual(storedChoice({ columns: { kind: 'attribute', attribute: '' }, metric: 7 }), {});
    assert.deepEqual(storedChoice({ columns: { kind: 'coder' }, metric: 'presence' }), { metric: 'presence' });
    assert.deepEqual(storedChoice({ columns: { kind: 'attribute', attribute: 'region' } }), { columns: { kind: 'attribute', attribute: 'region' } });
  });

  it('falls back to the default columns, sorted in codebook order, when the attribute is gone from the study', () => {
    const byCountry: ViewState = { ...DEFAULT_VIEW, columns: { kind: 'attribute', attribute: 'country' }, metric: 'documents', sort: { column: 'Ghana', descending: false } };
    assert.equal(fitToStudy(byCountry, study), byCountry);
    const fitted = fitToStudy(byCountry, { ...study, attributes: ['region'] });
    assert.deepEqual(fitted, { ...byCountry, columns: DEFAULT_VIEW.columns, sort: { column: null, descending: false } });
    for (const columns of [{ kind: 'document' }, { kind: 'case' }] as const) {
      const view = { ...DEFAULT_VIEW, columns };
      assert.equal(fitToStudy(view, { ...study, attributes: [] }), view);
    }
    // Before the study is loaded nothing is known to be gone.
    assert.equal(fitToStudy(byCountry, { open: false, attributes: [], coders: [], frameworks: [] }), byCountry);
  });
});
