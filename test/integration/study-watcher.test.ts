// A coder's folder removed and made again by Git (a checkout of a branch without it, then back),
// after which another program rewrites a codings file in it: the highlights of the open transcript
// show the file as it is on disk now, without "Reload the Study". VS Code's file watcher does not
// always report writes inside a folder made again, so the study must not rely on it alone.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { CODER_BRANCH, git, JOAQUIN_FOLDER, makeTwoCoderRepository, removeRepository } from './helpers/two-coder-repo';
import { waitFor } from './helpers/wait';

const SAN_AURELIO = 'transcripts/san-aurelio/san-aurelio-ngo-01.txt';
const THEIRS = `${JOAQUIN_FOLDER}/${SAN_AURELIO}.jsonl`;
const ROUNDS = 4;

interface CodingState {
  codings: { id: string; coder: string }[];
  decorations: { codeId: string; ranges: unknown[] }[];
}

const root = () => vscode.workspace.workspaceFolders![0].uri.fsPath;
const file = (relative: string) => path.join(root(), ...relative.split('/'));
const transcriptUri = () => vscode.Uri.file(file(SAN_AURELIO));

/** The ids of Joaquín's codings the open transcript shows, once they equal `expected`. */
async function joaquinShows(what: string, expected: string[], timeoutMs = 30_000): Promise<void> {
  const want = [...expected].sort().join();
  let shown = '';
  await waitFor(
    `the highlights to show ${what}`,
    async () => {
      const state = await vscode.commands.executeCommand<CodingState | undefined>('gloss.test.codingState', { uri: transcriptUri().toString() });
      if (!state) return false;
      shown = state.codings.filter((c) => c.coder === 'Joaquín').map((c) => c.id).sort().join();
      return shown === want;
    },
    timeoutMs,
  ).catch((error: unknown) => {
    throw new Error(`${String(error)}: shown [${shown}], on disk [${want}]`);
  });
}

const idsIn = (text: string) => text.split('\n').filter((l) => l.trim() !== '').map((l) => (JSON.parse(l) as { id: string }).id);

describe('the study watcher after Git made a coder\'s folder again', function () {
  this.timeout(300_000);

  before(async () => {
    await vscode.extensions.getExtension('gloss-qda.gloss-qda')!.activate();
    await makeTwoCoderRepository(root());
    await vscode.commands.executeCommand('gloss.reloadStudy');
    await vscode.window.showTextDocument(transcriptUri());
    await joaquinShows('no codings of Joaquín on main', []);
  });

  after(async () => {
    await git(root(), 'checkout', '-q', '-f', CODER_BRANCH);
    await removeRepository(root());
    await vscode.commands.executeCommand('gloss.reloadStudy');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('shows a codings file rewritten by another program inside a coder\'s folder that a checkout made again', async () => {
    for (let round = 1; round <= ROUNDS; round++) {
      await git(root(), 'checkout', '-q', CODER_BRANCH);
      const committed = idsIn(await fs.readFile(file(THEIRS), 'utf8'));
      await joaquinShows(`Joaquín's codings after checking out his branch (round ${round})`, committed);
      await git(root(), 'checkout', '-q', 'main');
      await joaquinShows(`no codings of Joaquín after checking out main (round ${round})`, []);
      await git(root(), 'checkout', '-q', CODER_BRANCH);
      await joaquinShows(`Joaquín's codings after his folder was made again (round ${round})`, committed);

      // Another program (an editor, a sync tool) rewrites his file without its first coding.
      const lines = (await fs.readFile(file(THEIRS), 'utf8')).split('\n').filter((l) => l.trim() !== '');
      await fs.writeFile(file(THEIRS), `${lines.slice(1).join('\n')}\n`);
      await joaquinShows(`the rewritten file of Joaquín (round ${round})`, committed.slice(1));
      assert.ok(committed.length > 1);
      await git(root(), 'checkout', '-q', '--', THEIRS);
      await joaquinShows(`Joaquín's file restored by git checkout -- (round ${round})`, committed);
    }
  });
});
