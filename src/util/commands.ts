// The one way the extension registers a command: a failure is logged (with its stack) to the
// Gloss output channel and shown to the researcher, never lost as an unhandled rejection. Like VS
// Code's markdown-language-features CommandManager, without the class: features call
// registerCommand(id, handler) as they would vscode.commands.registerCommand.
import * as vscode from 'vscode';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Handler = (...args: any[]) => unknown;

let log: vscode.LogOutputChannel | undefined;

/** Where failures are logged: the study's output channel, set once on activation (src/study/register.ts). */
export function logCommandFailuresTo(channel: vscode.LogOutputChannel): vscode.Disposable {
  log = channel;
  return new vscode.Disposable(() => {
    if (log === channel) log = undefined;
  });
}

export function registerCommand(id: string, handler: Handler): vscode.Disposable {
  return vscode.commands.registerCommand(id, (...args: unknown[]) => runReported(id, () => handler(...args)));
}

/** Runs an action that is not a command (a drag and drop, a webview's button) with the same reporting. */
export async function runReported<T>(what: string, action: () => T | PromiseLike<T>): Promise<T | undefined> {
  try {
    return await action();
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    log?.error(`${what}: ${error instanceof Error ? (error.stack ?? message) : message}`);
    void vscode.window.showErrorMessage(message);
    return undefined;
  }
}
