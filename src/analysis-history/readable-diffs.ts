// "Gloss: Set Up Readable Git Diffs": tells this repository's Git (its own .git/config, never the
// user's global one) to show codings files through `gloss textconv`, after asking, and adds the
// .gitattributes line when the study lacks it. Git runs the converter with its shell, so the paths
// in it are single-quoted for sh.
import * as vscode from 'vscode';
import { runGit } from '../core/git/git';
import { readStudyFile, writeStudyFile } from '../core/storage/study-files';
import { READABLE_DIFF_ATTRIBUTES_LINE } from '../core/study/template';

const DRIVER_KEY = 'diff.gloss-codings.textconv';
const ATTRIBUTES_FILE = '.gitattributes';
export const ATTRIBUTES_LINE = READABLE_DIFF_ATTRIBUTES_LINE;

/** A word for sh, whatever it holds. */
function shellWord(text: string): string {
  return `'${text.replace(/'/g, "'\\''")}'`;
}

/**
 * The converter: this editor's runtime as Node (the extension host's own executable; under
 * Electron ELECTRON_RUN_AS_NODE makes it one) running the bundled command line.
 */
export function textconvCommand(extensionUri: vscode.Uri): string {
  const cli = vscode.Uri.joinPath(extensionUri, 'dist', 'cli.js').fsPath;
  return `ELECTRON_RUN_AS_NODE=1 ${shellWord(process.execPath)} ${shellWord(cli)} textconv`;
}

/** Sets the converter up; returns what was configured, or undefined when nothing was. */
export async function setUpReadableDiffs(root: string, extensionUri: vscode.Uri, ask: boolean, log: vscode.LogOutputChannel): Promise<string | undefined> {
  if (!(await runGit(root, ['rev-parse', '--git-dir'])).ok) {
    void vscode.window.showWarningMessage(vscode.l10n.t('The study is not in a Git repository: there are no Git diffs to set up.'));
    return undefined;
  }
  const command = textconvCommand(extensionUri);
  const current = (await runGit(root, ['config', '--local', '--get', DRIVER_KEY])).stdout.trim();
  if (current !== command) {
    if (ask) {
      const setUp = vscode.l10n.t('Set Up');
      const question =
        current === ''
          ? vscode.l10n.t("Show codings files in git diff and git log -p as readable lines? This sets {0} in this repository's .git/config to run Gloss.", DRIVER_KEY)
          : vscode.l10n.t("{0} is already set in this repository's .git/config to “{1}”. Replace it with this Gloss installation?", DRIVER_KEY, current);
      if ((await vscode.window.showInformationMessage(question, { modal: true, detail: vscode.l10n.t('It names this installation of Gloss: run the command again after Gloss is updated or moved.') }, setUp)) !== setUp) return undefined;
    }
    const set = await runGit(root, ['config', '--local', DRIVER_KEY, command]);
    if (!set.ok) {
      void vscode.window.showErrorMessage(vscode.l10n.t('Git could not set {0}: {1}', DRIVER_KEY, set.stderr.trim()));
      return undefined;
    }
    log.info(`Set ${DRIVER_KEY} in ${root}'s repository to: ${command}`);
  }
  if (!(await hasAttributesLine(root))) {
    const add = vscode.l10n.t('Add the Line');
    const answer = ask ? await vscode.window.showInformationMessage(vscode.l10n.t('The study’s .gitattributes does not give codings files the readable diff yet: add “{0}”?', ATTRIBUTES_LINE), add) : add;
    if (answer === add) await addAttributesLine(root);
  } else if (ask) void vscode.window.showInformationMessage(vscode.l10n.t('git diff and git log -p now show codings as readable lines.'));
  return command;
}

async function hasAttributesLine(root: string): Promise<boolean> {
  // Git itself says which driver a codings file gets, whatever the attributes files say.
  const check = await runGit(root, ['check-attr', 'diff', '--', 'codings/coder/document.txt.jsonl']);
  return check.ok && check.stdout.trim().endsWith(': diff: gloss-codings');
}

async function addAttributesLine(root: string): Promise<void> {
  const text = (await readStudyFile(root, ATTRIBUTES_FILE)) ?? '';
  const separator = text === '' || text.endsWith('\n') ? '' : '\n';
  await writeStudyFile(root, ATTRIBUTES_FILE, `${text}${separator}# Codings as readable lines in git diff (Gloss: Set Up Readable Git Diffs)\n${ATTRIBUTES_LINE}\n`);
}
