// What the agreement view's controls offer: the coders (of the working tree, and coder folders
// found at the branches), the branches and tags (Git only in a trusted workspace, through argument
// arrays), the cases, the documents and the codes.
import * as vscode from 'vscode';
import { studyCoders, type SideSpec } from '../core/agreement/study-sides';
import { CODINGS_FOLDER, coderSlug } from '../core/codings/paths';
import { runGit } from '../core/git/git';
import type { Study } from '../core/study/study';
import type { AgreementOptionsInfo } from '../shared/agreement-protocol';

/** Branches looked into for coder folders: enough for a team, cheap for a repository with many. */
const BRANCHES_SEARCHED = 20;

export interface AgreementOffer {
  readonly info: AgreementOptionsInfo;
  /** Two sides to start with: the first two coders found (a coder only at a branch, at that branch). */
  readonly defaultSides: readonly SideSpec[];
}

export async function agreementOffer(study: Study | undefined): Promise<AgreementOffer> {
  if (!study) return { info: { open: false, trusted: vscode.workspace.isTrusted, coders: [], branches: [], tags: [], cases: [], documents: [], codes: [] }, defaultSides: [] };
  const trusted = vscode.workspace.isTrusted;
  const sides: SideSpec[] = studyCoders(study).map((coder) => ({ coder }));
  const branches = trusted ? await refNames(study.root, 'refs/heads') : [];
  const tags = trusted ? await refNames(study.root, 'refs/tags') : [];
  const known = new Set(sides.map((side) => coderSlug(side.coder)));
  for (const branch of branches.slice(0, BRANCHES_SEARCHED)) {
    for (const folder of await coderFoldersAt(study.root, branch)) {
      if (!known.has(folder)) sides.push({ coder: folder, ref: branch });
      known.add(folder);
    }
  }
  const codebook = study.codebook;
  const documents = [...new Set([...study.documentPaths, ...study.codingsFileList.map((file) => file.documentPath)])].sort();
  const info: AgreementOptionsInfo = {
    open: true,
    trusted,
    coders: sides.map((side) => side.coder),
    branches,
    tags,
    cases: study.cases.cases.map((c) => ({ id: c.id, name: c.name })),
    documents,
    codes: codebook.codes.map((code) => ({ id: code.id, name: code.name, depth: codebook.path(code.id).length - 1, ...(code.colour ? { colour: code.colour } : {}) })),
  };
  return { info, defaultSides: sides.slice(0, 2) };
}

async function refNames(root: string, prefix: string): Promise<string[]> {
  const result = await runGit(root, ['for-each-ref', '--format=%(refname:short)', prefix]);
  return result.ok ? result.stdout.split('\n').filter((name) => name !== '') : [];
}

/** The coder folders (slugs) under codings/ at a branch, read as `readCodingsAtRef` reads them. */
async function coderFoldersAt(root: string, branch: string): Promise<string[]> {
  const result = await runGit(root, ['ls-tree', '-d', '-z', '--name-only', '--full-tree', `refs/heads/${branch}`, '--', `${CODINGS_FOLDER}/`]);
  if (!result.ok) return [];
  return result.stdout
    .split('\0')
    .filter((entry) => entry.startsWith(`${CODINGS_FOLDER}/`))
    .map((entry) => entry.slice(CODINGS_FOLDER.length + 1));
}
