// Old versions of a document's text, needed to map codings through what changed since they were
// made. Git returns every committed version by its blob hash; a local snapshot folder keeps the
// versions that were coded but never committed.
import * as path from 'node:path';
import { readBlob } from '../git/git';
import { readTextIfExists, writeTextAtomic } from '../storage/files';
import { normaliseText, textVersion } from '../text/normalise';

export interface TextVersions {
  /** The normalised text of that version, or undefined when no source has it. */
  get(version: string): Promise<string | undefined>;
  /** Keeps a version that codings now refer to. */
  remember(normalisedText: string, version: string): Promise<void>;
}

export class GitAndSnapshotVersions implements TextVersions {
  /**
   * @param studyRoot where Git is asked
   * @param snapshotFolder a folder outside the study (e.g. the extension's workspace storage), or
   *   undefined to keep no snapshots
   */
  constructor(
    private readonly studyRoot: string,
    private readonly snapshotFolder: string | undefined,
    /** False in an untrusted workspace: Git runs with the repository's own configuration. */
    private readonly useGit = true,
  ) {}

  async get(version: string): Promise<string | undefined> {
    const sources = [() => this.readSnapshot(version), () => (this.useGit ? readBlob(this.studyRoot, version) : Promise.resolve(undefined))];
    for (const read of sources) {
      const candidate = await read();
      if (candidate === undefined) continue;
      // A blob committed with CRLF endings has another hash; what is found must be the version asked for.
      const text = normaliseText(candidate);
      if (textVersion(text) === version) return text;
    }
    return undefined;
  }

  async remember(normalisedText: string, version: string): Promise<void> {
    if (this.snapshotFolder === undefined) return;
    const file = this.snapshotPath(version);
    if (file === undefined || (await readTextIfExists(file)) !== undefined) return;
    await writeTextAtomic(file, normalisedText);
  }

  private async readSnapshot(version: string): Promise<string | undefined> {
    const file = this.snapshotPath(version);
    return file === undefined ? undefined : readTextIfExists(file);
  }

  private snapshotPath(version: string): string | undefined {
    if (this.snapshotFolder === undefined || !/^[0-9a-f]{40}$/.test(version)) return undefined;
    return path.join(this.snapshotFolder, version.slice(0, 2), `${version.slice(2)}.txt`);
  }
}
