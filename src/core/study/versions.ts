// Old versions of a document's text, needed to map codings through what changed since they were
// made. Git returns every committed version by its blob hash; a local snapshot folder keeps the
// versions that were coded but never committed.
import * as path from 'node:path';
import { blobsAtPath, readBlob, readBlobs } from '../git/git';
import { readTextIfExists, writeTextAtomic } from '../storage/files';
import { normaliseText, textVersion } from '../text/normalise';

export interface TextVersions {
  /**
   * The normalised text of that version, or undefined when no source has it. `documentPath`
   * (relative to the study) lets Git look through that document's history.
   */
  get(version: string, documentPath?: string): Promise<string | undefined>;
  /** Keeps a version that codings now refer to. */
  remember(normalisedText: string, version: string): Promise<void>;
}

/** How many of a document's committed blobs one look-up reads at most (newest first). */
const MAX_BLOBS_SEARCHED = 64;

/**
 * Each blob looked at: the version of its normalised text, and back for the blobs whose hash is
 * not their version (a BOM, CRLF). Content-addressed, so never stale; bounded by clearing when full.
 */
const versionOfBlob = new Map<string, string>();
const blobOfVersion = new Map<string, string>();
const MAX_CACHED_BLOBS = 10_000;

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

  async get(version: string, documentPath?: string): Promise<string | undefined> {
    const git = (read: () => Promise<string | undefined>) => (this.useGit ? read() : Promise.resolve(undefined));
    const sources = [
      () => this.readSnapshot(version),
      () => git(() => readBlob(this.studyRoot, blobOfVersion.get(version) ?? version)),
      () => git(() => (documentPath === undefined ? Promise.resolve(undefined) : this.searchHistory(version, documentPath))),
    ];
    for (const read of sources) {
      const candidate = await read();
      if (candidate === undefined) continue;
      // What is found must be the version asked for, whatever the endings it was committed with.
      const text = normaliseText(candidate);
      if (textVersion(text) === version) return text;
    }
    return undefined;
  }

  /**
   * A blob committed with a BOM or CRLF endings has another hash than its version: reads the
   * document's latest committed blobs not looked at before, in one batch, and keeps the version
   * of each, so that later look-ups find theirs by the cache.
   */
  private async searchHistory(version: string, documentPath: string): Promise<string | undefined> {
    const unseen = (await blobsAtPath(this.studyRoot, documentPath, MAX_BLOBS_SEARCHED)).filter((blob) => !versionOfBlob.has(blob));
    let found: string | undefined;
    for (const [blob, content] of await readBlobs(this.studyRoot, unseen)) {
      const text = normaliseText(content);
      const blobVersion = textVersion(text);
      if (versionOfBlob.size >= MAX_CACHED_BLOBS) {
        versionOfBlob.clear();
        blobOfVersion.clear();
      }
      versionOfBlob.set(blob, blobVersion);
      if (blobVersion !== blob) blobOfVersion.set(blobVersion, blob);
      if (blobVersion === version) found = text;
    }
    return found;
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
