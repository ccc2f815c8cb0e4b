import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import { waitFor } from './helpers/wait';

const EXTENSION_ID = 'gloss-qda.gloss-qda';

describe('activation', () => {
  it('opens a study folder that contains codebook.yaml', async () => {
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder, 'a workspace folder is open');
    const stat = await vscode.workspace.fs.stat(vscode.Uri.joinPath(folder.uri, 'codebook.yaml'));
    assert.equal(stat.type, vscode.FileType.File);
  });

  it('activates by itself on that folder (workspaceContains:**/codebook.yaml)', async () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension, `${EXTENSION_ID} is installed for development`);
    // No explicit activate(): the activation event has to do it.
    await waitFor('the extension to become active', () => extension.isActive, 15_000);
  });
});
