// The coding feature: coding transcripts in the editor (commands, keybindings, the code picker),
// highlights, hovers, the status bar and orphaned codings.
import * as vscode from 'vscode';
import { registerTestCommands } from '../util/test-mode';
import { registerCommand } from '../util/commands';
import type { StudyFeature } from '../study/register';
import { CodingCommands } from './commands';
import { CodeDecorations } from './decorations';
import { CodeFocus } from './focus';
import { CodingHoverProvider } from './hover';
import { CodingMemoFiles, MEMO_SCHEME } from './memo-editor';
import { OpenTranscripts } from './open-transcripts';
import { OrphanDiagnostics } from './orphans';
import { TranscriptProtection } from './protection';
import { RecentCodes } from './recent';
import { CodingStatusBar } from './status-bar';
import { CodeStripes } from './stripes';
import { codingState, TEST_STATE_COMMAND } from './test-api';
import { TranscriptFiles } from './transcripts';
import { CodingWriter } from './writer';

/** True while the active editor shows a transcript of the study (keybindings use it). */
const TRANSCRIPT_CONTEXT_KEY = 'gloss.editorIsTranscript';

export function registerCoding(context: vscode.ExtensionContext, feature: StudyFeature): void {
  const files = new TranscriptFiles(feature.study);
  // Timings for the tests and the benchmark are kept only when VS Code runs the extension's tests.
  const measuring = context.extensionMode === vscode.ExtensionMode.Test;
  const transcripts = new OpenTranscripts(feature, files, measuring);
  const protection = new TranscriptProtection(files, feature.study);
  const focus = new CodeFocus((codeId) => feature.study.current?.codebook.resolve(codeId) ?? codeId);
  const writer = new CodingWriter(feature, transcripts);
  const decorations = new CodeDecorations(feature, transcripts, focus, measuring);
  const statusBar = new CodingStatusBar(feature, transcripts, focus);
  const stripes = new CodeStripes(feature, transcripts, focus, decorations);
  const commands = new CodingCommands({ feature, transcripts, writer, recent: new RecentCodes(context.workspaceState), focus });

  let isTranscript: boolean | undefined;
  const updateContext = () => {
    const editor = vscode.window.activeTextEditor;
    const now = editor !== undefined && transcripts.get(editor.document) !== undefined;
    if (now === isTranscript) return;
    isTranscript = now;
    void vscode.commands.executeCommand('setContext', TRANSCRIPT_CONTEXT_KEY, now);
  };

  const memos = new CodingMemoFiles(feature, transcripts, writer);

  context.subscriptions.push(
    transcripts,
    memos,
    vscode.workspace.registerFileSystemProvider(MEMO_SCHEME, memos, { isCaseSensitive: true }),
    protection,
    focus,
    decorations,
    stripes,
    statusBar,
    new OrphanDiagnostics(feature, transcripts),
    ...commands.register(),
    vscode.languages.registerHoverProvider({ scheme: 'file' }, new CodingHoverProvider(feature, transcripts, focus)),
    registerCommand('gloss.toggleStripes', () => stripes.toggle()),
    vscode.window.onDidChangeActiveTextEditor(updateContext),
    transcripts.onDidChange((e) => {
      if (e.kind === 'opened' || e.kind === 'closed') updateContext();
    }),
  );
  registerTestCommands(context, {
    [TEST_STATE_COMMAND]: codingState(feature, transcripts, writer, decorations, statusBar, stripes),
    'gloss.test.protection': () => protection.describe(),
  });
  updateContext();
  void protection.applyToActive();
}
