// Interchange with other QDA programs (NVivo, ATLAS.ti, MAXQDA, QualCoder) through REFI-QDA:
// export of the project (.qdpx) and the codebook (.qdc); the mapping is docs/refi-qda.md.
import type * as vscode from 'vscode';
import type { StudyFeature } from '../study/register';
import { registerExport } from './export';

export function registerInterchange(context: vscode.ExtensionContext, feature: StudyFeature): void {
  const origin = `Gloss ${String((context.extension.packageJSON as { version?: string }).version ?? '')}`.trim();
  registerExport(context, feature, origin);
  // Import of .qdpx and .qdc registers here: registerImport(context, feature) from './import'.
}
