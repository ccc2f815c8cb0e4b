// Codes used most recently, first in the code picker and behind "repeat last code"; kept per
// workspace.
import type * as vscode from 'vscode';

const KEY = 'gloss.recentCodes';
const KEPT = 12;

export class RecentCodes {
  constructor(private readonly state: vscode.Memento) {}

  /** Code ids, most recent first. */
  list(): string[] {
    const value = this.state.get<unknown>(KEY);
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
  }

  get last(): string | undefined {
    return this.list()[0];
  }

  use(codeId: string): Thenable<void> {
    return this.state.update(KEY, [codeId, ...this.list().filter((id) => id !== codeId)].slice(0, KEPT));
  }
}
