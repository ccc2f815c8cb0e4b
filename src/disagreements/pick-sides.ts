// Choosing the two sides in the Command Palette: a coder of the study (or another name, for a coder
// whose codings are on another branch only), then where to read them: the working tree, or a
// branch, tag or recent commit (Git runs only in a trusted workspace, with argument arrays).
import * as vscode from 'vscode';
import { studyCoders, type SideSpec } from '../core/agreement/study-sides';
import { coderSlug } from '../core/codings/paths';
import { runGit } from '../core/git/git';
import type { StudyService } from '../study/study-service';

const RECENT_COMMITS = 15;

export async function pickSides(service: StudyService): Promise<SideSpec[] | undefined> {
  const study = service.current;
  if (!study) return undefined;
  const coders = studyCoders(study);
  // The current coder first: usually one side is you.
  coders.sort((x, y) => Number(coderSlug(y) === coderSlug(service.coder)) - Number(coderSlug(x) === coderSlug(service.coder)));
  const refs = vscode.workspace.isTrusted ? await gitRefs(study.root) : [];
  const sides: SideSpec[] = [];
  for (const step of [1, 2]) {
    const title = step === 1 ? vscode.l10n.t('Compare Two Coders’ Codings: the first side (A, left)') : vscode.l10n.t('Compare Two Coders’ Codings: the second side (B, right)');
    const coder = await pickCoder(title, coders.filter((c) => step === 1 || sides[0].ref !== undefined || coderSlug(c) !== coderSlug(sides[0].coder)));
    if (coder === undefined) return undefined;
    const ref = refs.length === 0 ? { ref: undefined } : await pickRef(title, coder, refs);
    if (ref === undefined) return undefined;
    sides.push(ref.ref === undefined ? { coder } : { coder, ref: ref.ref });
  }
  return sides;
}

async function pickCoder(title: string, coders: readonly string[]): Promise<string | undefined> {
  const other = vscode.l10n.t('Another coder…');
  const picked = await vscode.window.showQuickPick(
    [...coders.map((coder) => ({ label: coder, iconPath: new vscode.ThemeIcon('person') })), { label: other, iconPath: new vscode.ThemeIcon('person-add'), description: vscode.l10n.t('a coder whose codings are on another branch') }],
    { title, placeHolder: vscode.l10n.t('Whose codings?') },
  );
  if (picked?.label !== other) return picked?.label;
  const typed = await vscode.window.showInputBox({ title, prompt: vscode.l10n.t('The coder’s name, as their codings folder or codings name them') });
  return typed?.trim() || undefined;
}

interface RefItem extends vscode.QuickPickItem {
  readonly ref: string | undefined;
}

async function pickRef(title: string, coder: string, refs: readonly RefItem[]): Promise<{ ref: string | undefined } | undefined> {
  const workingTree: RefItem = { label: vscode.l10n.t('Working tree'), description: vscode.l10n.t('the files as they are now'), iconPath: new vscode.ThemeIcon('file'), ref: undefined };
  const picked = await vscode.window.showQuickPick([workingTree, ...refs], { title, placeHolder: vscode.l10n.t('{0}’s codings as they are now, or at a branch, tag or commit?', coder), matchOnDescription: true });
  return picked && { ref: picked.ref };
}

/** Branches, tags and recent commits of the study's repository; none when it is not one. */
async function gitRefs(root: string): Promise<RefItem[]> {
  const items: RefItem[] = [];
  const named = await runGit(root, ['for-each-ref', '--format=%(refname)', 'refs/heads', 'refs/tags']);
  for (const refname of named.ok ? named.stdout.split('\n').filter(Boolean) : []) {
    const branch = refname.startsWith('refs/heads/');
    const name = refname.replace(/^refs\/(heads|tags)\//, '');
    items.push({ label: name, description: branch ? vscode.l10n.t('branch') : vscode.l10n.t('tag'), iconPath: new vscode.ThemeIcon(branch ? 'git-branch' : 'tag'), ref: name });
  }
  const log = await runGit(root, ['log', `--max-count=${RECENT_COMMITS}`, '--format=%H%x09%h%x09%cr%x09%s']);
  for (const line of log.ok ? log.stdout.split('\n').filter(Boolean) : []) {
    const [hash, short, when, ...subject] = line.split('\t');
    items.push({ label: short, description: `${when} · ${subject.join('\t')}`, iconPath: new vscode.ThemeIcon('git-commit'), ref: hash });
  }
  return items;
}
