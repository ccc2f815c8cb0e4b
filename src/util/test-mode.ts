// Commands for the integration tests and the host benchmark: registered only when VS Code runs the
// extension's tests, so they never reach a researcher's Command Palette or keybindings.
import * as vscode from 'vscode';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type TestCommand = (...args: any[]) => unknown;

export function registerTestCommands(context: vscode.ExtensionContext, commands: Record<string, TestCommand>): void {
  if (context.extensionMode !== vscode.ExtensionMode.Test) return;
  for (const [id, run] of Object.entries(commands)) {
    if (!id.startsWith('gloss.test.')) throw new Error(`Test command ${id} must start with gloss.test.`);
    context.subscriptions.push(vscode.commands.registerCommand(id, run));
  }
}
