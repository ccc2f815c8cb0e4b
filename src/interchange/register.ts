// Interchange with other QDA programs (NVivo, ATLAS.ti, MAXQDA, QualCoder) through REFI-QDA:
// export and import of projects (.qdpx) and codebooks (.qdc); the mapping is docs/refi-qda.md.
import type * as vscode from 'vscode';
import type { StudyFeature } from '../study/register';
import { registerExport } from './export';
import { registerImport } from './import';

export function registerInterchange(context: vscode.ExtensionContext, feature: StudyFeature): void {
  const origin = `Gloss ${String((context.extension.packageJSON as { version?: string }).version ?? '')}`.trim();
  registerExport(context, feature, origin);
  registerImport(context, feature);
}
