// The focus filter: when set, only the chosen codes are highlighted, navigated and counted under
// the cursor.
import * as vscode from 'vscode';

export class CodeFocus implements vscode.Disposable {
  private codes: ReadonlySet<string> | undefined;

  /** @param resolve the code a coding's code id counts under (an alias names its code). */
  constructor(private readonly resolve: (codeId: string) => string) {}

  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;

  get active(): boolean {
    return this.codes !== undefined;
  }

  get chosen(): readonly string[] {
    return [...(this.codes ?? [])];
  }

  shows(codeId: string): boolean {
    return this.codes === undefined || this.codes.has(this.resolve(codeId));
  }

  set(codeIds: readonly string[] | undefined): void {
    this.codes = codeIds === undefined ? undefined : new Set(codeIds);
    void vscode.commands.executeCommand('setContext', 'gloss.codeFocusActive', this.codes !== undefined);
    this.changed.fire();
  }

  dispose(): void {
    this.changed.dispose();
  }
}
