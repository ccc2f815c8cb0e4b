// Coding queries and auto-coding: the Queries view (saved queries of queries/*.yaml: run, edit,
// delete, auto-code their results), the query builder, and auto-coding of search hits, query
// results and speaker turns. Results show in the Segments view through `gloss.segments.show`.
import * as vscode from 'vscode';
import { registerCommand } from '../util/commands';
import { Swatches } from '../ui/swatches';
import { problemText, type Problem } from '../core/model';
import { speakersOf, turnsOf, WIDENINGS, type Hit } from '../core/queries/auto-code';
import { describeQuery, QueryError, runQuery } from '../core/queries/evaluate';
import { isQueryFile, readQueryFile, readQueryFiles, type QueryFile } from '../core/queries/files';
import { formatQuery, parseQuery, queryFileName, QUERIES_FOLDER, type CodingQuery } from '../core/queries/query';
import type { Segment } from '../core/retrieval/segments';
import { absolutePath, studyRelativePath } from '../core/storage/files';
import { readStudyFile, removeStudyFile, writeStudyFile } from '../core/storage/study-files';
import type { StudyFeature } from '../study/register';
import { problemDiagnostic } from '../study/diagnostics';
import { registerTestCommands } from '../util/test-mode';
import { autoCode, type AutoCodeOptions } from './auto-code';
import { buildQuery } from './builder';
import { QueriesProvider, type QueryNode } from './tree';

/** The argument of the commands that act on one query: a tree item, or `{ path }` / `{ name }`. */
type QueryArgument = QueryNode | { path?: string; name?: string } | undefined;

export function registerQueries(context: vscode.ExtensionContext, feature: StudyFeature): void {
  const { study } = feature;
  const testMode = context.extensionMode === vscode.ExtensionMode.Test;
  const swatches = new Swatches(context.globalStorageUri);
  const provider = new QueriesProvider(study);
  const view = vscode.window.createTreeView('gloss.queries', { treeDataProvider: provider });
  const diagnostics = vscode.languages.createDiagnosticCollection('gloss-queries');

  const root = () => study.current?.root;

  /** The query file an argument names, read from disk now; undefined (and the user told) when there is none. */
  const fileOf = async (arg: QueryArgument, missing: 'error' | 'quiet' = 'error'): Promise<QueryFile | undefined> => {
    const r = root();
    if (!r) return undefined;
    let path = arg && 'kind' in arg ? arg.file.path : arg?.path;
    if (!path && arg && 'name' in arg && arg.name) path = `${QUERIES_FOLDER}/${arg.name}.yaml`;
    if (!path) {
      const files = (await readQueryFiles(r)).files;
      path = (await vscode.window.showQuickPick(files.map((f) => ({ label: f.name, description: f.query ? describeQuery(study.current!.codebook, f.query) : problems(f), path: f.path })), { title: vscode.l10n.t('Which query?') }))?.path;
      if (!path) return undefined;
    }
    if (!isQueryFile(path)) throw new QueryError(vscode.l10n.t('{0} is not a query file (queries/<name>.yaml).', path));
    const file = await readQueryFile(r, path);
    if (!file && missing === 'error') throw new QueryError(vscode.l10n.t('The query file {0} does not exist.', path));
    return file;
  };

  /** The results of a saved query as segments; throws with file, line and reason when it cannot run. */
  const results = async (arg: QueryArgument): Promise<Segment[]> => {
    const current = study.current;
    // A query deleted while the Segments view shows it has no results.
    const file = await fileOf(arg, 'quiet');
    if (!current || !file) return [];
    if (!file.query) throw new QueryError(vscode.l10n.t('The query cannot run: {0}', problems(file)));
    return runQuery(current.codebook, current.cases, await feature.placements.all(), file.query, file.name);
  };

  /** What the Segments view is given to show a query's results (it runs `command` itself). */
  const given = (file: QueryFile) => ({
    title: vscode.l10n.t('Query: {0}', file.name),
    criteria: file.query ? [describeQuery(study.current!.codebook, file.query), ...(file.query.description ? [file.query.description] : [])] : [problems(file)],
    command: 'gloss.queries.results',
    args: [{ path: file.path }],
  });

  const show = async (arg: QueryArgument) => {
    const file = await fileOf(arg);
    if (!file || !study.current) return undefined;
    if (!file.query) throw new QueryError(vscode.l10n.t('The query cannot run: {0}', problems(file)));
    // Run once here, so that a query that cannot run (an unknown code) says so before the view opens.
    const segments = await results({ path: file.path });
    await vscode.commands.executeCommand('gloss.segments.show', given(file));
    return segments.length;
  };

  const save = async (name: string, text: string): Promise<string> => {
    const r = root()!;
    const base = queryFileName(name);
    let path = `${QUERIES_FOLDER}/${base}.yaml`;
    for (let n = 2; (await readStudyFile(r, path)) !== undefined; n++) path = `${QUERIES_FOLDER}/${base}-${n}.yaml`;
    await writeStudyFile(r, path, text);
    provider.refresh();
    return path;
  };

  /** Asks for the query step by step, or takes `{ name, query }` (a CodingQuery) from a caller. */
  const newQuery = async (arg?: { name?: unknown; query?: unknown }) => {
    const built = typeof arg?.name === 'string' && arg.query && typeof arg.query === 'object' ? givenQuery(arg.name, arg.query) : await buildQuery(feature, swatches);
    if (!built) return undefined;
    const path = await save(built.name, formatQuery(built.query));
    await show({ path });
    return path;
  };

  const edit = async (arg: QueryArgument) => {
    const file = await fileOf(arg);
    const r = root();
    if (!file || !r) return;
    await vscode.window.showTextDocument(vscode.Uri.file(absolutePath(r, file.path)));
  };

  const remove = async (arg: QueryArgument) => {
    const file = await fileOf(arg);
    const r = root();
    if (!file || !r) return;
    const yes = vscode.l10n.t('Delete');
    const answer = await vscode.window.showWarningMessage(vscode.l10n.t('Delete the query “{0}” ({1})? Git keeps its history if it was committed.', file.name, file.path), { modal: true }, yes);
    if (answer !== yes) return;
    await removeStudyFile(r, file.path);
    provider.refresh();
  };

  const autoCodeHits = (hits: readonly Hit[], options: AutoCodeOptions, source: string) => autoCode(feature, swatches, hits, options, testMode, source);

  const autoCodeQuery = async (arg: QueryArgument, options: AutoCodeOptions = {}) => {
    const file = await fileOf(arg);
    if (!file) return undefined;
    const hits = (await results({ path: file.path })).filter((s) => !s.orphan).map((s) => ({ path: s.documentPath, start: s.start, end: s.end }));
    return autoCodeHits(hits, options, vscode.l10n.t('the query “{0}”', file.name));
  };

  const autoCodeSpeaker = async (arg?: { speaker?: string } & AutoCodeOptions) => {
    const documents = await feature.placements.all();
    let speaker = arg?.speaker;
    if (speaker === undefined) {
      const counts = new Map<string, number>();
      for (const d of documents) for (const s of speakersOf(d.text)) counts.set(s, (counts.get(s) ?? 0) + 1);
      const items = [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([label, n]) => ({ label, description: vscode.l10n.t('in {0} documents', n) }));
      if (items.length === 0) {
        void vscode.window.showInformationMessage(vscode.l10n.t('No transcript has speaker labels (“Name:” at the start of a line).'));
        return undefined;
      }
      speaker = (await vscode.window.showQuickPick(items, { title: vscode.l10n.t('Auto-code every turn of which speaker?') }))?.label;
      if (speaker === undefined) return undefined;
    }
    const hits = documents.flatMap((d) => turnsOf(d.path, d.text, speaker));
    return autoCodeHits(hits, { ...arg, widening: arg?.widening ?? 'none' }, vscode.l10n.t('the speaker “{0}”', speaker));
  };

  const publishProblems = async () => {
    diagnostics.clear();
    const r = root();
    if (!r) return;
    const { files, problems: listing } = await readQueryFiles(r);
    const byFile = new Map<string, Problem[]>();
    for (const p of [...listing, ...files.flatMap((f) => f.problems)]) byFile.set(p.file, [...(byFile.get(p.file) ?? []), p]);
    for (const [file, list] of byFile) diagnostics.set(vscode.Uri.file(absolutePath(r, file)), list.map(problemDiagnostic));
  };

  let watcher: vscode.FileSystemWatcher | undefined;
  let watchedRoot: string | undefined;
  const watch = () => {
    const r = root();
    if (r === watchedRoot) return;
    watcher?.dispose();
    watcher = undefined;
    watchedRoot = r;
    provider.refresh();
    void publishProblems();
    if (!r) return;
    watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(vscode.Uri.file(r), `${QUERIES_FOLDER}/*.{yaml,yml}`));
    const changed = (uri: vscode.Uri) => {
      provider.refresh();
      void publishProblems();
      const path = studyRelativePath(r, uri.fsPath);
      // The Segments view runs the query again if it still shows it.
      if (path !== undefined && study.current) {
        void readQueryFile(r, path).then((file) => file && vscode.commands.executeCommand('gloss.segments.refreshGiven', given(file)));
      }
    };
    watcher.onDidCreate(changed);
    watcher.onDidChange(changed);
    watcher.onDidDelete(changed);
  };

  context.subscriptions.push(
    provider,
    view,
    diagnostics,
    { dispose: () => watcher?.dispose() },
    study.onDidChange(() => {
      watch();
      provider.refresh();
    }),
    registerCommand('gloss.queries.new', (arg?: { name?: unknown; query?: unknown }) => newQuery(arg)),
    registerCommand('gloss.queries.run', (arg?: QueryArgument) => show(arg)),
    registerCommand('gloss.queries.edit', (arg?: QueryArgument) => edit(arg)),
    registerCommand('gloss.queries.delete', (arg?: QueryArgument) => remove(arg)),
    registerCommand('gloss.queries.refresh', () => provider.refresh()),
    // The Segments view runs this again whenever the study changes: the results stay current.
    registerCommand('gloss.queries.results', (arg?: QueryArgument) => results(arg)),
    registerCommand('gloss.autoCode.query', (arg?: QueryArgument, options?: AutoCodeOptions) => autoCodeQuery(arg, options ?? {})),
    registerCommand('gloss.autoCode.speaker', (arg?: { speaker?: string } & AutoCodeOptions) => autoCodeSpeaker(arg)),
    // For the search feature (and any other): `hits` are places in documents, in code points of their current text.
    registerCommand('gloss.autoCode.hits', (arg?: { hits?: unknown } & AutoCodeOptions) => {
      const hits = Array.isArray(arg?.hits) ? arg.hits.filter(isHit) : [];
      const widening = arg?.widening && WIDENINGS.includes(arg.widening) ? arg.widening : undefined;
      return autoCodeHits(hits, { ...(arg ?? {}), ...(widening ? { widening } : {}) }, vscode.l10n.t('the search'));
    }),
  );
  registerTestCommands(context, {
    'gloss.test.queries': async () => ({
      items: (await provider.getChildren()).map((node) => ({ name: node.file.name, path: node.file.path, ok: node.file.query !== undefined, description: provider.getTreeItem(node).description })),
    }),
  });
  watch();
}

/** A query passed to `gloss.queries.new`, checked as its file would be. */
function givenQuery(name: string, query: object): { name: string; query: CodingQuery } {
  const given = { includeSubcodes: true, ...(query as Partial<CodingQuery>) };
  if (typeof given.code !== 'string' || typeof given.operator !== 'string' || typeof given.other !== 'string') throw new QueryError(vscode.l10n.t('A query needs a code, an operator and another code.'));
  const parsed = parseQuery(formatQuery(given as CodingQuery), `${QUERIES_FOLDER}/${queryFileName(name)}.yaml`);
  if (!parsed.query) throw new QueryError(parsed.problems.map(problemText).join('; '));
  return { name, query: parsed.query };
}

function problems(file: QueryFile): string {
  return file.problems.map(problemText).join('; ');
}

function isHit(value: unknown): value is Hit {
  const v = value as Partial<Hit> | undefined;
  return typeof v?.path === 'string' && typeof v.start === 'number' && typeof v.end === 'number';
}
