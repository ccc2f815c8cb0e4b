import * as vscode from 'vscode';

/** The context keys the manifest's `when` clauses use. */
export type ContextKey = 'gloss.studyOpen' | 'gloss.blindCoding' | 'gloss.disagreementsShown' | 'gloss.mediaLinked';

export function setContext(key: ContextKey, value: unknown): Thenable<unknown> {
  return vscode.commands.executeCommand('setContext', key, value);
}
