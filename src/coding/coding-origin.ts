// The hover's line on a coding's commit ("added in 3f449b5 “Second round” by Ana, 2 Dec 2026"),
// computed only when a hover shows, through Git, in a trusted workspace only (Git reads the
// repository's configuration). Each codings file is read once per HEAD (src/core/history/blame.ts).
import * as vscode from 'vscode';
import { CodingOrigins } from '../core/history/blame';
import type { Coding } from '../core/model';
import type { Study } from '../core/study/study';

export class CodingOriginLines {
  private origins: CodingOrigins | undefined;

  /** The line for a coding of `documentPath`, or undefined when Git cannot tell (or may not run). */
  async line(study: Study, documentPath: string, coding: Coding, formatDate: (iso: string) => string): Promise<string | undefined> {
    if (!vscode.workspace.isTrusted) return undefined;
    const file = study.codingsFilesOf(documentPath).find((f) => f.codings.some((c) => c.id === coding.id));
    if (!file) return undefined;
    if (this.origins?.root !== study.root) this.origins = new CodingOrigins(study.root);
    const origin = await this.origins.of(file.path, coding.id);
    if (origin === undefined) return undefined;
    if (origin === 'uncommitted') return vscode.l10n.t('not committed yet');
    return vscode.l10n.t('added in commit {0} “{1}” by {2}, {3}', origin.shortCommit, origin.subject, origin.author, formatDate(origin.date));
  }
}
