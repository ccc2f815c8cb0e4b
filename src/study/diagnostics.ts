import * as vscode from 'vscode';
import type { Problem } from '../core/model';

/** A problem found in a study file, as the Problems panel shows it: the whole reported line. */
export function problemDiagnostic(problem: Problem): vscode.Diagnostic {
  const line = Math.max(0, (problem.line ?? 1) - 1);
  const diagnostic = new vscode.Diagnostic(
    new vscode.Range(line, 0, line, Number.MAX_SAFE_INTEGER),
    problem.message,
    problem.severity === 'error' ? vscode.DiagnosticSeverity.Error : vscode.DiagnosticSeverity.Warning,
  );
  diagnostic.source = 'Gloss';
  return diagnostic;
}
