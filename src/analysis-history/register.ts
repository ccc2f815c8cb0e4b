// The history of the analysis in the editor: "Show Codebook Changes…" between two refs (or a ref
// and the working tree), "Show What Changed Since…" a ref for one coder or all, each opened as a
// read-only Markdown preview, and "Set Up Readable Git Diffs". Git reads repository configuration,
// so these run only in a trusted workspace. A bad ref gets a message, and nothing is written.
import * as vscode from 'vscode';
import { registerCommand } from '../util/commands';
import { studyCoders } from '../core/agreement/study-sides';
import { SideError } from '../core/agreement/sides';
import { analysisChangesMarkdown } from '../core/history/changes-markdown';
import { changesSince } from '../core/history/changes-since';
import { codebookComparisonMarkdown, compareCodebooks } from '../core/history/codebook-history';
import { versionAt, WORKING_TREE } from '../core/history/versions';
import type { Study } from '../core/study/study';
import type { StudyFeature } from '../study/register';
import { HistoryDocuments, HISTORY_SCHEME } from './documents';
import { pickCoder, pickRef, WORKING_TREE_PICK } from './pickers';
import { setUpReadableDiffs } from './readable-diffs';

/** Arguments that skip the pickers (scripts, keybindings, tests). `to` omitted: the working tree. */
interface CodebookChangesArgs {
  readonly from: string;
  readonly to?: string;
}

/** `coder` omitted: every coder. */
interface ChangesSinceArgs {
  readonly since: string;
  readonly coder?: string;
}

export function registerAnalysisHistory(context: vscode.ExtensionContext, feature: StudyFeature): void {
  const documents = new HistoryDocuments();
  const service = feature.study;

  /** The open study in a trusted workspace, or undefined after saying why not. */
  const trustedStudy = (): Study | undefined => {
    if (!vscode.workspace.isTrusted) {
      void vscode.window.showWarningMessage(vscode.l10n.t('The history of the analysis reads Git, which runs only in a trusted workspace.'));
      return undefined;
    }
    const study = service.current;
    if (!study) void vscode.window.showWarningMessage(vscode.l10n.t('No study is open.'));
    return study;
  };

  /** Runs a report; an unknown ref (or a study outside Git) is told in a message, other failures too. */
  const report = async (build: () => Promise<{ title: string; markdown: string }>): Promise<string | undefined> => {
    try {
      const { title, markdown } = await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: vscode.l10n.t('Reading the history of the analysis…') }, build);
      return (await documents.show(title, markdown)).toString();
    } catch (error) {
      if (!(error instanceof SideError)) service.log.error(`History of the analysis: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      void vscode.window.showErrorMessage(error instanceof Error ? error.message : String(error));
      return undefined;
    }
  };

  const showCodebookChanges = async (args?: CodebookChangesArgs): Promise<string | undefined> => {
    const study = trustedStudy();
    if (!study) return undefined;
    const from = args ? args.from : await pickRef(study.root, vscode.l10n.t('Codebook changes from…'), false);
    if (from === undefined || from === WORKING_TREE_PICK) return undefined;
    const to = args ? (args.to ?? WORKING_TREE_PICK) : await pickRef(study.root, vscode.l10n.t('…to'), true);
    if (to === undefined) return undefined;
    return report(async () => {
      const comparison = await compareCodebooks(study.root, await versionAt(study.root, from), to === WORKING_TREE_PICK ? WORKING_TREE : await versionAt(study.root, to));
      const toName = to === WORKING_TREE_PICK ? vscode.l10n.t('working tree') : shortRef(to);
      return { title: vscode.l10n.t('Codebook changes {0} → {1}', shortRef(from), toName), markdown: codebookComparisonMarkdown(comparison) };
    });
  };

  const showChangesSince = async (args?: ChangesSinceArgs): Promise<string | undefined> => {
    const study = trustedStudy();
    if (!study) return undefined;
    const since = args ? args.since : await pickRef(study.root, vscode.l10n.t('What changed since…'), false);
    if (since === undefined || since === WORKING_TREE_PICK) return undefined;
    const coder = args ? (args.coder ?? '') : await pickCoder(studyCoders(study), service.coder);
    if (coder === undefined) return undefined;
    return report(async () => {
      const changes = await changesSince(study.root, await versionAt(study.root, since), coder === '' ? undefined : coder);
      return { title: coder === '' ? vscode.l10n.t('Changes since {0}', shortRef(since)) : vscode.l10n.t('Changes since {0} ({1})', shortRef(since), coder), markdown: analysisChangesMarkdown(changes) };
    });
  };

  context.subscriptions.push(
    vscode.workspace.registerTextDocumentContentProvider(HISTORY_SCHEME, documents),
    registerCommand('gloss.showCodebookChanges', showCodebookChanges),
    registerCommand('gloss.showChangesSince', showChangesSince),
    registerCommand('gloss.setUpReadableGitDiffs', async (args?: { confirm?: boolean }) => {
      const study = trustedStudy();
      return study ? setUpReadableDiffs(study.root, context.extensionUri, args?.confirm !== false, service.log) : undefined;
    }),
  );
}

/** A full commit hash shortened for a tab's title; names as they are. */
function shortRef(ref: string): string {
  return /^[0-9a-f]{40,64}$/i.test(ref) ? ref.slice(0, 7) : ref;
}

