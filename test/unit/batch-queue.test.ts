import { strict as assert } from 'node:assert';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Study } from '../../src/core/study/study';
import { BatchQueue } from '../../src/core/util/batch-queue';

/** A promise and the function that resolves it, for holding a batch in flight. */
function gate(): { opened: Promise<void>; open: () => void } {
  let open = () => {};
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { opened, open };
}

describe('batch queue (reloads after changes on disk)', () => {
  it('gathers items into one batch, and items added while a batch is handled into the next, never alongside', async () => {
    const batches: string[][] = [];
    let inFlight = 0;
    let most = 0;
    const held = gate();
    const bothDone = gate();
    const queue = new BatchQueue<string>(
      async (batch) => {
        batches.push(batch);
        most = Math.max(most, ++inFlight);
        if (batches.length === 1) await held.opened;
        inFlight--;
        if (batches.length === 2) bothDone.open();
      },
      0,
      (error) => assert.fail(String(error)),
    );
    queue.add('codebook.yaml');
    queue.add('codings/a/x.jsonl');
    queue.add('codebook.yaml');
    await new Promise((resolve) => setTimeout(resolve, 5));
    assert.deepEqual(batches, [['codebook.yaml', 'codings/a/x.jsonl']]);
    // Arrives while the first batch is in flight: it waits for it, then is handled.
    queue.add('codings/a/x.jsonl');
    held.open();
    await bothDone.opened;
    assert.deepEqual(batches, [['codebook.yaml', 'codings/a/x.jsonl'], ['codings/a/x.jsonl']]);
    assert.equal(most, 1, 'one batch at a time');
  });

  it('keeps a study in step with a file changed while its reload is in flight', async () => {
    const root = await fs.mkdtemp(path.join(os.tmpdir(), 'gloss-queue-'));
    try {
      const relative = 'codings/marike/a.txt.jsonl';
      const file = path.join(root, ...relative.split('/'));
      await fs.mkdir(path.dirname(file), { recursive: true });
      await fs.writeFile(path.join(root, 'codebook.yaml'), 'codes:\n  - id: a\n    name: A\n');
      const line = (id: string) => `${JSON.stringify({ id, code: 'a', start: 0, end: 1, quote: 'x', version: '0'.repeat(40), coder: 'Marike', created: '2026-01-01T00:00:00.000Z' })}\n`;
      await fs.writeFile(file, line('first'));
      const study = await Study.load(root);
      const held = gate();
      let handled = 0;
      const settled = gate();
      const queue = new BatchQueue<string>(
        async (batch) => {
          const reloads = batch.map((p) => study.reload(p));
          // The first reload has read the file; a checkout changes it again before it is applied.
          if (handled === 0) await held.opened;
          await Promise.all(reloads);
          if (++handled === 2) settled.open();
        },
        0,
        (error) => assert.fail(String(error)),
      );
      await fs.writeFile(file, line('second'));
      queue.add(relative);
      await new Promise((resolve) => setTimeout(resolve, 5));
      await fs.writeFile(file, line('third'));
      queue.add(relative);
      held.open();
      await settled.opened;
      assert.deepEqual(study.codingsOf('a.txt').map((c) => c.id), ['third']);
    } finally {
      await fs.rm(root, { recursive: true, force: true });
    }
  });
});
