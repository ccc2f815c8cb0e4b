// The cases feature: documents into cases (from the Documents view, the Explorer or the active
// editor), new and renamed cases, the classification sheet, and attributes imported from CSV.
// Every change is one edit of cases.yaml that keeps the rest of the file as it was.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { registerCommand } from '../util/commands';
import { CASES_FILE, parseCases } from '../core/cases/cases';
import { CsvError, parseCsv, type CsvTable } from '../core/cases/csv';
import { addAttributeDefinition, addCase, assignDocuments, newCaseId, removeDocument, renameCase } from '../core/cases/edit';
import { applyAttributeImport, describeChange, planAttributeImport, type ImportPlan } from '../core/cases/import';
import type { AttributeType } from '../core/model';
import { decodeUtf8 } from '../core/storage/files';
import { SHEET_VIEW_TYPE, type SheetMode, type TestAction } from '../shared/sheet-protocol';
import type { StudyFeature } from '../study/register';
import type { StudyService } from '../study/study-service';
import { registerTestCommands } from '../util/test-mode';
import { CasesFile } from './cases-file';
import { SheetPanel, type SheetDeps } from './sheet';
import { webviewHost, webviewOptions } from '../util/webview-page';

/** What a menu passes: a Documents view node (`{ kind, path }` or `{ kind, id }`), or a file's URI. */
type MenuArgument = unknown;

/** Options of the import command for scripts and tests; without them it asks. */
interface ImportOptions {
  /** Add the columns that name no attribute (typed as guessed) without asking. */
  readonly addNewAttributes?: boolean;
  /** Write without showing the preview. */
  readonly skipPreview?: boolean;
}

export function registerCases(context: vscode.ExtensionContext, feature: StudyFeature): void {
  const { study } = feature;
  const file = new CasesFile(study);
  const deps: SheetDeps = { host: webviewHost(context), study, file, runCommand: (command) => runSheetCommand(command) };

  async function runSheetCommand(command: 'addAttribute' | 'importCsv' | 'openFile'): Promise<void> {
    if (command === 'addAttribute') await addAttribute();
    else if (command === 'importCsv') await importAttributes(undefined);
    else {
      const uri = study.uriOf(CASES_FILE);
      if (uri) await vscode.window.showTextDocument(uri, { viewColumn: vscode.ViewColumn.Beside });
    }
  }

  async function assignToCase(first: MenuArgument, all: MenuArgument, caseId?: string): Promise<boolean> {
    const paths = documentPathsOf(study, first, all);
    if (paths.length === 0) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Select transcripts of the study to assign them to a case.'));
      return false;
    }
    const current = study.current;
    if (!current) return false;
    let target = caseId === undefined ? undefined : { id: caseId, name: undefined as string | undefined };
    if (!target) {
      const NEW = '\u0000new';
      const picked = await vscode.window.showQuickPick(
        [
          { label: `$(add) ${vscode.l10n.t('New Case…')}`, id: NEW, alwaysShow: true },
          ...current.cases.cases.map((c) => ({ label: c.name, description: c.id, detail: c.documents.length === 1 ? vscode.l10n.t('1 document') : vscode.l10n.t('{0} documents', c.documents.length), id: c.id })),
        ],
        { title: paths.length === 1 ? vscode.l10n.t('Assign {0} to a case', path.posix.basename(paths[0])) : vscode.l10n.t('Assign {0} documents to a case', paths.length), matchOnDescription: true },
      );
      if (!picked) return false;
      if (picked.id === NEW) {
        const name = await askCaseName(vscode.l10n.t('New Case'));
        if (name === undefined) return false;
        target = { id: newCaseId(current.cases, name), name };
      } else target = { id: picked.id, name: undefined };
    }
    const { id, name } = target;
    return file.edit((text) => assignDocuments(name === undefined ? text : addCase(text, id, name), paths, id));
  }

  async function removeFromCase(first: MenuArgument, all: MenuArgument): Promise<boolean> {
    const current = study.current;
    const paths = documentPathsOf(study, first, all).filter((p) => current?.cases.cases.some((c) => c.documents.some((d) => d.path === p)));
    if (!current || paths.length === 0) return false;
    const withAttributes = paths.filter((p) => current.cases.cases.some((c) => c.documents.some((d) => d.path === p && Object.keys(d.attributes).length > 0)));
    if (withAttributes.length > 0) {
      const remove = vscode.l10n.t('Remove from Case');
      const answer = await vscode.window.showWarningMessage(
        vscode.l10n.t('{0} has attributes of its own in cases.yaml; they are removed with it.', withAttributes.map((p) => path.posix.basename(p)).join(', ')),
        { modal: true },
        remove,
      );
      if (answer !== remove) return false;
    }
    return file.edit((text) => paths.reduce((current, p) => removeDocument(current, p), text));
  }

  async function newCase(name?: string): Promise<string | undefined> {
    const current = study.current;
    if (!current) return undefined;
    const chosen = name ?? (await askCaseName(vscode.l10n.t('New Case')));
    if (chosen === undefined) return undefined;
    const id = newCaseId(current.cases, chosen);
    return (await file.edit((text) => addCase(text, id, chosen))) ? id : undefined;
  }

  async function rename(node: MenuArgument, newName?: string): Promise<boolean> {
    const current = study.current;
    if (!current) return false;
    let id = caseIdOf(node);
    if (id === undefined) {
      const picked = await vscode.window.showQuickPick(current.cases.cases.map((c) => ({ label: c.name, description: c.id, id: c.id })), { title: vscode.l10n.t('Rename which case?') });
      id = picked?.id;
    }
    const theCase = current.cases.cases.find((c) => c.id === id);
    if (!theCase) return false;
    const name = newName ?? (await askCaseName(vscode.l10n.t('Rename Case “{0}” (its id “{1}” stays)', theCase.name, theCase.id), theCase.name));
    return name === undefined ? false : file.edit((text) => renameCase(text, theCase.id, name));
  }

  async function addAttribute(): Promise<boolean> {
    const name = await vscode.window.showInputBox({
      title: vscode.l10n.t('Add Attribute'),
      prompt: vscode.l10n.t('Name of the attribute (letters, digits, - and _), e.g. role'),
      validateInput: (value) => (/^[\p{L}\p{N}_][\p{L}\p{N}_-]*$/u.test(value.trim()) ? undefined : vscode.l10n.t('Use letters, digits, - and _, without spaces.')),
    });
    if (name === undefined) return false;
    const types: Array<{ label: string; type: AttributeType }> = [
      { label: vscode.l10n.t('Text'), type: 'text' },
      { label: vscode.l10n.t('Number'), type: 'number' },
      { label: vscode.l10n.t('Date (YYYY-MM-DD)'), type: 'date' },
      { label: vscode.l10n.t('Yes/no'), type: 'boolean' },
      { label: vscode.l10n.t('Choice from a list'), type: 'choice' },
    ];
    const type = await vscode.window.showQuickPick(types, { title: vscode.l10n.t('Type of “{0}”', name.trim()) });
    if (!type) return false;
    let values: string[] | undefined;
    if (type.type === 'choice') {
      const list = await vscode.window.showInputBox({ title: vscode.l10n.t('Values of “{0}”', name.trim()), prompt: vscode.l10n.t('Separated by commas, e.g. interview, report, plan') });
      values = list?.split(',').map((v) => v.trim()).filter((v) => v !== '');
      if (!values || values.length === 0) return false;
    }
    return file.edit((text) => addAttributeDefinition(text, { name: name.trim(), type: type.type, ...(values ? { values } : {}) }));
  }

  async function importAttributes(source: vscode.Uri | undefined, options: ImportOptions = {}): Promise<ImportPlan | undefined> {
    const current = study.current;
    if (!current) return undefined;
    const uri =
      source ??
      (await vscode.window.showOpenDialog({ title: vscode.l10n.t('Import Attributes from CSV'), filters: { CSV: ['csv', 'tsv', 'txt'] }, canSelectMany: false, defaultUri: vscode.Uri.file(current.root) }))?.[0];
    if (!uri) return undefined;
    let plan: ImportPlan;
    let table: CsvTable;
    const documents = await documentsOfStudy(study);
    try {
      table = parseCsv(decodeUtf8(await vscode.workspace.fs.readFile(uri)));
      plan = planAttributeImport(current.cases, documents, table);
    } catch (error) {
      const reason = error instanceof CsvError ? error.message : error instanceof Error ? error.message : String(error);
      void vscode.window.showErrorMessage(vscode.l10n.t('{0} cannot be read: {1}', path.basename(uri.fsPath), reason));
      return undefined;
    }
    let addNew = options.addNewAttributes ?? false;
    if (plan.newAttributes.length > 0 && options.addNewAttributes === undefined) {
      const add = vscode.l10n.t('Add Them');
      const answer = await vscode.window.showInformationMessage(
        vscode.l10n.t('Columns that name no attribute: {0}. Add them to cases.yaml?', plan.newAttributes.map((a) => `${a.name} (${a.type})`).join(', ')),
        add,
        vscode.l10n.t('Leave Them Out'),
      );
      addNew = answer === add;
    }
    const changes = addNew ? [...plan.changes, ...plan.changesOfNewAttributes] : plan.changes;
    const report = importReport(plan);
    if (changes.length === 0) {
      void vscode.window.showInformationMessage([vscode.l10n.t('Nothing to change: every value is there already.'), ...report].join(' '));
      return plan;
    }
    if (!options.skipPreview) {
      const items: vscode.QuickPickItem[] = [
        ...changes.map((c) => ({ label: describeChange(c) })),
        ...(report.length > 0 ? [{ label: vscode.l10n.t('Not imported'), kind: vscode.QuickPickItemKind.Separator }] : []),
        ...plan.unmatched.map((u) => ({ label: `$(warning) ${u.key}`, description: vscode.l10n.t('line {0}', u.line), detail: u.reason })),
        ...plan.refused.map((r) => ({ label: `$(error) ${r.key} · ${r.attribute}`, description: vscode.l10n.t('line {0}', r.line), detail: r.reason })),
      ];
      const write = await vscode.window.showQuickPick(items, {
        title: vscode.l10n.t('Import {0} values into cases.yaml? Enter writes them, Escape cancels.', changes.length),
        placeHolder: report.join(' '),
      });
      if (write === undefined) return undefined;
    }
    // The preview was planned on the study as loaded; the write plans again on the file as it is now.
    const written = await file.edit((text) => applyAttributeImport(text, planAttributeImport(parseCases(text).cases, documents, table), addNew));
    if (written) void vscode.window.showInformationMessage([vscode.l10n.t('Imported {0} values into cases.yaml.', changes.length), ...report].join(' '));
    return plan;
  }

  context.subscriptions.push(
    registerCommand('gloss.cases.assignToCase', (first?: MenuArgument, all?: MenuArgument, caseId?: string) => assignToCase(first, all, caseId)),
    registerCommand('gloss.cases.removeFromCase', (first?: MenuArgument, all?: MenuArgument) => removeFromCase(first, all)),
    registerCommand('gloss.cases.newCase', (name?: string) => newCase(typeof name === 'string' ? name : undefined)),
    registerCommand('gloss.cases.renameCase', (node?: MenuArgument, name?: string) => rename(node, name)),
    registerCommand('gloss.cases.addAttribute', () => addAttribute()),
    registerCommand('gloss.cases.importAttributes', (uri?: vscode.Uri, options?: ImportOptions) => importAttributes(uri instanceof vscode.Uri ? uri : undefined, options)),
    registerCommand('gloss.cases.openSheet', (mode?: SheetMode) => {
      SheetPanel.show(deps, mode === 'cases' || mode === 'documents' ? mode : undefined);
    }),
    vscode.window.registerWebviewPanelSerializer(SHEET_VIEW_TYPE, {
      deserializeWebviewPanel: async (panel) => {
        panel.webview.options = webviewOptions(deps.host);
        SheetPanel.restore(panel, deps);
      },
    }),
    { dispose: () => SheetPanel.current?.dispose() },
  );
  registerTestCommands(context, {
    'gloss.test.sheet.act': (action: TestAction) => requireSheet().act(action),
    'gloss.test.sheet.query': () => requireSheet().query(),
  });
}

function requireSheet(): SheetPanel {
  if (!SheetPanel.current) throw new Error('The classification sheet is not open.');
  return SheetPanel.current;
}

function importReport(plan: ImportPlan): string[] {
  const report: string[] = [];
  if (plan.unmatched.length > 0) report.push(vscode.l10n.t('{0} rows match no document or case ({1}).', plan.unmatched.length, plan.unmatched.slice(0, 5).map((u) => u.key).join(', ')));
  if (plan.refused.length > 0) report.push(vscode.l10n.t('{0} values were refused (wrong type).', plan.refused.length));
  return report;
}

async function askCaseName(title: string, value?: string): Promise<string | undefined> {
  const name = await vscode.window.showInputBox({
    title,
    value,
    prompt: vscode.l10n.t('Name of the case, e.g. a city, an organisation or a person'),
    validateInput: (text) => (text.trim() === '' ? vscode.l10n.t('A case needs a name.') : undefined),
  });
  return name?.trim();
}

/** The study-relative paths of what a menu passed: tree nodes or URIs, one or a selection; else the active editor's. */
function documentPathsOf(study: StudyService, first: MenuArgument, all: MenuArgument): string[] {
  const items = Array.isArray(all) && all.length > 0 ? all : first !== undefined ? [first] : [vscode.window.activeTextEditor?.document.uri];
  const paths = items.map((item) => {
    if (item instanceof vscode.Uri) return study.relativePathOf(item);
    if (typeof item === 'object' && item !== null && (item as { kind?: unknown }).kind === 'document') return String((item as { path: unknown }).path);
    return undefined;
  });
  return [...new Set(paths.filter((p): p is string => p !== undefined && !p.startsWith('codings/') && p !== CASES_FILE))];
}

function caseIdOf(node: MenuArgument): string | undefined {
  if (typeof node === 'string') return node;
  if (typeof node === 'object' && node !== null && (node as { kind?: unknown }).kind === 'case') {
    const id = (node as { id?: unknown }).id;
    return typeof id === 'string' ? id : undefined;
  }
  return undefined;
}

/** Documents a CSV row may name: those in cases.yaml or coded, and the transcript files found. */
async function documentsOfStudy(study: StudyService): Promise<string[]> {
  const current = study.current;
  if (!current) return [];
  const patterns = vscode.workspace.getConfiguration('gloss', vscode.Uri.file(current.root)).get<string[]>('transcriptFiles', ['transcripts/**/*.txt', '**/*.transcript']);
  const found = await Promise.all(patterns.map((pattern) => vscode.workspace.findFiles(new vscode.RelativePattern(vscode.Uri.file(current.root), pattern), '**/node_modules/**', 5000)));
  const all = new Set(current.documentPaths);
  for (const uri of found.flat()) {
    const relative = study.relativePathOf(uri);
    if (relative && !relative.startsWith('codings/') && !relative.startsWith('memos/')) all.add(relative);
  }
  return [...all].sort();
}
