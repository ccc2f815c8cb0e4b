// The extension's entry: each feature registers itself; every disposable goes to the context.
import type * as vscode from 'vscode';
import { registerStudy } from './study/register';

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const { study, placements } = registerStudy(context);
  void study;
  void placements;
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
