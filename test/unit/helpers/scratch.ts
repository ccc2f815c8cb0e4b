import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/** A new, empty folder for each test of the file (or `describe` block) it is called in, removed after the test: returns the current one. */
export function scratchFolderPerTest(prefix: string): () => string {
  let folder: string | undefined;
  beforeEach(async () => {
    folder = await fs.mkdtemp(path.join(os.tmpdir(), prefix));
  });
  afterEach(async () => {
    if (folder !== undefined) await fs.rm(folder, { recursive: true, force: true });
    folder = undefined;
  });
  return () => folder!;
}
