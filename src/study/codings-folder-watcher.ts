// A second, event-driven watch on the codings folders, on Linux only. There VS Code's file watcher
// follows each folder with its own inotify watch and does not always take up a folder that Git
// removed and made again: later writes in it (and even its next removal) went unreported, and the
// views stayed stale until the study was reloaded (test/integration/study-watcher.test.ts).
// Here every folder under codings/ gets its own fs.watch; a folder named in a rename event (made,
// removed or moved) loses its watch and is watched afresh by the next `update`, which follows each
// rescan of the codings. Events that both watchers report are reloaded once (the reload compares
// the text), so the extra watch can only add news, never lose or repeat a change.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CODINGS_FOLDER } from '../core/codings/paths';

export class CodingsFolderWatcher {
  /** The fs.watch of each watched folder, by study-relative path ('' is the study root). */
  private readonly watchers = new Map<string, fs.FSWatcher>();

  constructor(
    private readonly root: string,
    /** Called with the study-relative path of what changed (a file, or a folder to rescan). */
    private readonly changed: (relativePath: string) => void,
  ) {}

  static supported(): boolean {
    return process.platform === 'linux';
  }

  /**
   * Watches exactly the folders under codings/ that exist now (links are not followed). Returns
   * true when it started watching a folder: what was written there before the watch started must
   * then be read by one more rescan.
   */
  async update(): Promise<boolean> {
    const folders = new Set(['', ...(await this.listFolders(CODINGS_FOLDER))]);
    for (const [folder, watcher] of this.watchers) {
      if (!folders.has(folder)) this.unwatch(folder, watcher);
    }
    let started = false;
    for (const folder of folders) {
      if (!this.watchers.has(folder) && this.watch(folder)) started = true;
    }
    return started;
  }

  dispose(): void {
    for (const [folder, watcher] of this.watchers) this.unwatch(folder, watcher);
  }

  private watch(folder: string): boolean {
    let watcher: fs.FSWatcher;
    try {
      watcher = fs.watch(path.join(this.root, ...folder.split('/').filter(Boolean)), { persistent: false });
    } catch {
      return false; // Gone again already: the rename event that follows rescans.
    }
    watcher.on('change', (event, name) => this.onEvent(folder, event, name));
    // A watched folder removed ends its watch: its parent's rename event reports the removal.
    watcher.on('error', () => this.unwatch(folder, watcher));
    this.watchers.set(folder, watcher);
    return true;
  }

  private unwatch(folder: string, watcher: fs.FSWatcher): void {
    watcher.close();
    if (this.watchers.get(folder) === watcher) this.watchers.delete(folder);
  }

  private onEvent(folder: string, event: string, name: string | Buffer | null): void {
    if (name === null) {
      this.changed(folder || CODINGS_FOLDER);
      return;
    }
    const child = folder ? `${folder}/${String(name)}` : String(name);
    // The root is watched only for the codings folder itself appearing or going.
    if (folder === '' && child !== CODINGS_FOLDER) return;
    if (event === 'rename') {
      // Made, removed or replaced: the old watches of this folder and below are stale.
      for (const [watched, watcher] of this.watchers) {
        if (watched === child || watched.startsWith(`${child}/`)) this.unwatch(watched, watcher);
      }
    }
    this.changed(child);
  }

  private async listFolders(relative: string): Promise<string[]> {
    let entries: fs.Dirent[];
    try {
      entries = await fs.promises.readdir(path.join(this.root, ...relative.split('/')), { withFileTypes: true });
    } catch {
      return [];
    }
    const below = await Promise.all(
      entries.filter((e) => e.isDirectory() && !e.name.startsWith('.')).map((e) => this.listFolders(`${relative}/${e.name}`)),
    );
    return [relative, ...below.flat()];
  }
}
