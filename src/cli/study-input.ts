// The study a command works on: a folder holding codebook.yaml (default: the current folder),
// loaded with the core, and the old text versions Git holds for placing codings.
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { CODEBOOK_FILE, Study } from '../core/study/study';
import { GitAndSnapshotVersions } from '../core/study/versions';
import { InputError } from './input-error';

export interface OpenedStudy {
  readonly study: Study;
  /** Old versions of the transcripts, from Git (no snapshots outside the editor). */
  readonly versions: GitAndSnapshotVersions;
  /** The study's folder name, for report titles. */
  readonly name: string;
  /** A study file's path as the user can open it from where they typed the command. */
  readonly shown: (relativePath: string) => string;
}

export async function checkStudyFolder(root: string, given: string): Promise<void> {
  const stat = await fs.stat(path.join(root, CODEBOOK_FILE)).catch(() => undefined);
  if (!stat?.isFile()) throw new InputError(`${given} is not a Gloss study: it has no ${CODEBOOK_FILE}.`);
}

export async function openStudy(folder = '.'): Promise<OpenedStudy> {
  const root = path.resolve(folder);
  await checkStudyFolder(root, folder);
  const study = await Study.load(root);
  return {
    study,
    versions: new GitAndSnapshotVersions(root, undefined),
    name: path.basename(root),
    shown: (relativePath) => path.relative(process.cwd(), path.join(root, ...relativePath.split('/'))).split(path.sep).join('/') || '.',
  };
}
