// Retrieval of coded segments: pick codes (from the palette or a code in the tree), narrow by
// case, document, attribute and coder, open each segment at its source, copy them as quotations,
// export them as CSV, or read them all with their context as a Markdown report.
import * as path from 'node:path';
import * as vscode from 'vscode';
import * as count from '../ui/counts';
import { askExportTarget, csvByteOrderMark } from '../ui/export-target';
import { registerCommand } from '../util/commands';
import { registerTestCommands } from '../util/test-mode';
import type { StudyFeature } from '../study/register';
import { segmentsToCsv } from '../core/retrieval/csv';
import { segmentsReport } from '../core/retrieval/markdown';
import { formatQuotations } from '../core/retrieval/quotation';
import { filterChoices, type SegmentQuery } from '../core/retrieval/segments';
import { writeTextAtomic } from '../core/storage/files';
import { pickCodes } from '../ui/code-pick';
import { quotationTemplate } from '../ui/quotation-template';
import { Swatches } from '../ui/swatches';
import { ProgressiveReport, REPORT_CHUNK } from './report';
import { asGivenSegments, SegmentsProvider, type SegmentsNode } from './view';

const REPORT_URI = vscode.Uri.from({ scheme: 'gloss-segments', path: '/Segments.md' });

export function registerRetrieval(context: vscode.ExtensionContext, feature: StudyFeature): void {
  const { study, placements } = feature;
  const swatches = new Swatches(context.globalStorageUri);
  const provider = new SegmentsProvider(study, placements, swatches);
  const view = vscode.window.createTreeView('gloss.segments', { treeDataProvider: provider, canSelectMany: true });

  const update = async () => {
    const query = provider.query;
    await vscode.commands.executeCommand('setContext', 'gloss.segmentsQuery', provider.showing);
    await vscode.commands.executeCommand('setContext', 'gloss.segmentsGiven', provider.given !== undefined);
    await vscode.commands.executeCommand('setContext', 'gloss.segmentsSubcodes', query?.includeSubcodes ?? false);
    view.description = provider.shortDescription();
    view.message = provider.showing ? `${await provider.summary()}${provider.criteria().length > 1 ? ' · ' + provider.criteria().slice(1).join(' · ') : ''}` : undefined;
  };

  const setQuery = async (query: SegmentQuery | undefined, reveal = true) => {
    provider.query = query;
    await update();
    if (reveal && query) await vscode.commands.executeCommand('gloss.segments.focus');
  };


  const retrieve = async (arg?: unknown) => {
    const current = study.current;
    if (!current) return;
    const a = (arg ?? {}) as Record<string, unknown>;
    if (a.kind === 'code' && typeof a.id === 'string') {
      await setQuery({ codeIds: [a.id], includeSubcodes: true });
      return;
    }
    if (a.kind === 'document' && typeof a.path === 'string') {
      await setQuery({ codeIds: [], includeSubcodes: false, documents: [a.path] });
      return;
    }
    if (a.kind === 'case' && typeof a.id === 'string') {
      await setQuery({ codeIds: [], includeSubcodes: false, cases: [a.id] });
      return;
    }
    if (Array.isArray(a.codeIds)) {
      await setQuery({
        codeIds: a.codeIds.filter((x): x is string => typeof x === 'string'),
        includeSubcodes: a.includeSubcodes !== false,
        ...(Array.isArray(a.documents) ? { documents: a.documents as string[] } : {}),
        ...(Array.isArray(a.cases) ? { cases: a.cases as string[] } : {}),
        ...(Array.isArray(a.coders) ? { coders: a.coders as string[] } : {}),
        ...(a.attributes && typeof a.attributes === 'object' ? { attributes: a.attributes as Record<string, string[]> } : {}),
      });
      return;
    }
    const codes = await pickCodes(current.codebook, swatches, {
      title: vscode.l10n.t('Retrieve the segments of…'),
      placeHolder: vscode.l10n.t('Pick one or more codes (sub-codes are included; toggle in the Segments view)'),
      selected: new Set(provider.query?.codeIds ?? []),
    });
    if (!codes || codes.length === 0) return;
    const previous = provider.query;
    await setQuery({ ...(previous ?? {}), codeIds: codes.map((c) => c.id), includeSubcodes: previous?.includeSubcodes ?? true });
  };

  const filter = async (arg?: unknown) => {
    const current = study.current;
    const query = provider.query;
    if (!current || !query) return;
    const given = arg as Partial<SegmentQuery> | undefined;
    if (given && typeof given === 'object' && !('kind' in given)) {
      await setQuery({ ...query, ...given }, false);
      return;
    }
    const choices = filterChoices(current.cases, await placements.all());
    type Item = vscode.QuickPickItem & { facet?: 'cases' | 'documents' | 'coders' | string; value?: string };
    const items: Item[] = [];
    const section = (label: string) => items.push({ label, kind: vscode.QuickPickItemKind.Separator });
    const has = (list: readonly string[] | undefined, value: string) => list?.includes(value) ?? false;
    section(vscode.l10n.t('Cases'));
    for (const c of choices.cases) items.push({ label: c.name, description: c.id, facet: 'cases', value: c.id, picked: has(query.cases, c.id), iconPath: new vscode.ThemeIcon('folder') });
    section(vscode.l10n.t('Coders'));
    for (const coder of choices.coders) items.push({ label: coder, facet: 'coders', value: coder, picked: has(query.coders, coder), iconPath: new vscode.ThemeIcon('person') });
    for (const [name, values] of choices.attributes) {
      section(name);
      for (const value of values) items.push({ label: value, description: name, facet: `attribute:${name}`, value, picked: has(query.attributes?.[name], value), iconPath: new vscode.ThemeIcon('tag') });
    }
    section(vscode.l10n.t('Documents'));
    for (const d of choices.documents) items.push({ label: path.posix.basename(d), description: path.posix.dirname(d), facet: 'documents', value: d, picked: has(query.documents, d), iconPath: new vscode.ThemeIcon('file') });
    const picked = await vscode.window.showQuickPick(items, {
      title: vscode.l10n.t('Filter the segments'),
      placeHolder: vscode.l10n.t('Within a group any checked value matches; across groups all must. Nothing checked: no filter.'),
      canPickMany: true,
      matchOnDescription: true,
    });
    if (!picked) return;
    const values = (facet: string) => picked.filter((p) => p.facet === facet).map((p) => p.value!);
    const attributes: Record<string, string[]> = {};
    for (const name of choices.attributes.keys()) {
      const selected = values(`attribute:${name}`);
      if (selected.length > 0) attributes[name] = selected;
    }
    await setQuery({ codeIds: query.codeIds, includeSubcodes: query.includeSubcodes, cases: values('cases'), coders: values('coders'), documents: values('documents'), attributes }, false);
  };

  const selectedOrAll = async (arg: unknown, selected: unknown) => {
    const nodes = (Array.isArray(selected) ? selected : arg ? [arg] : view.selection) as SegmentsNode[];
    const chosen = nodes.flatMap((n) => (n?.kind === 'segment' ? [n.row.segment] : n?.kind === 'group' ? [...n.segments] : []));
    return chosen.length > 0 ? chosen : provider.segments();
  };

  const exportCsv = async (arg?: { destination?: string }) => {
    const current = study.current;
    if (!current || !provider.showing) return undefined;
    const segments = await provider.segments();
    let destination = arg?.destination;
    if (!destination) {
      const codeIds = provider.query?.codeIds ?? [];
      const name = provider.given?.title ?? (codeIds.length === 1 ? (current.codebook.get(codeIds[0])?.name ?? 'segments') : 'segments');
      destination = await askExportTarget({
        title: vscode.l10n.t('Export {0} as CSV', count.segments(segments.length)),
        fileName: `${safeFileName(name)}.csv`,
        suggestedFolder: current.root,
        filters: { CSV: ['csv'] },
      });
      if (!destination) return undefined;
    }
    await writeTextAtomic(destination, segmentsToCsv(segments, { attributes: current.cases.attributes, byteOrderMark: csvByteOrderMark() !== '' }));
    if (!arg?.destination) {
      const open = vscode.l10n.t('Open');
      void vscode.window.showInformationMessage(vscode.l10n.t('Exported {0} to {1}.', count.segments(segments.length), path.basename(destination)), open).then((answer) => {
        if (answer === open) void vscode.commands.executeCommand('vscode.open', vscode.Uri.file(destination!));
      });
    }
    return destination;
  };

  // The report has no links: the Markdown preview refuses file: links, and each segment opens
  // at its source from the Segments view.
  const reportInput = async () => ({ segments: await provider.segments(), heading: { title: vscode.l10n.t('Segments'), criteria: provider.criteria() } });
  const report = new ProgressiveReport(REPORT_URI, reportInput);
  const fullReport = async () => {
    const { segments, heading } = await reportInput();
    return segmentsReport(segments, heading);
  };
  let releaseReport: (() => void) | undefined;
  const reportOpen = () => vscode.workspace.textDocuments.some((d) => d.uri.toString() === REPORT_URI.toString());

  context.subscriptions.push(
    provider,
    view,
    report,
    provider.onDidChangeResults(() => {
      void update();
      if (reportOpen()) void report.refresh();
    }),
    vscode.workspace.registerTextDocumentContentProvider(REPORT_URI.scheme, report),
    registerCommand('gloss.retrieveSegments', (arg?: unknown) => retrieve(arg)),
    // Shows segments another feature computes (see GivenSegments), reached by this id, not an import.
    registerCommand('gloss.segments.show', async (arg?: unknown) => {
      const given = asGivenSegments(arg);
      if (!given) return;
      provider.given = given;
      await update();
      await vscode.commands.executeCommand('gloss.segments.focus');
    }),
    // The source of the given segments changed (a query file edited): shown again, without taking
    // the focus, only if the view still shows them.
    registerCommand('gloss.segments.refreshGiven', async (arg?: unknown) => {
      const shown = provider.given;
      const given = asGivenSegments(arg);
      if (!given || !shown || shown.command !== given.command || JSON.stringify(shown.args) !== JSON.stringify(given.args)) return;
      provider.given = given;
      await update();
    }),
    registerCommand('gloss.segments.filter', (arg?: unknown) => filter(arg)),
    registerCommand('gloss.segments.clearFilters', async () => {
      if (provider.query) await setQuery({ codeIds: provider.query.codeIds, includeSubcodes: provider.query.includeSubcodes }, false);
    }),
    registerCommand('gloss.segments.includeSubcodes', async () => provider.query && setQuery({ ...provider.query, includeSubcodes: true }, false)),
    registerCommand('gloss.segments.excludeSubcodes', async () => provider.query && setQuery({ ...provider.query, includeSubcodes: false }, false)),
    registerCommand('gloss.segments.clear', () => setQuery(undefined, false)),
    registerCommand('gloss.segments.copyQuotations', async (arg?: unknown, selected?: unknown) => {
      const segments = await selectedOrAll(arg, selected);
      if (segments.length === 0) return;
      await vscode.env.clipboard.writeText(formatQuotations(segments, quotationTemplate()));
      vscode.window.setStatusBarMessage(vscode.l10n.t('Copied {0}.', count.quotations(segments.length)), 3000);
    }),
    registerCommand('gloss.segments.exportCsv', (arg?: { destination?: string }) => exportCsv(arg)),
    registerCommand('gloss.segments.openReport', async () => {
      if (!provider.showing) return;
      await report.refresh();
      try {
        await vscode.commands.executeCommand('markdown.showPreview', REPORT_URI);
      } catch {
        await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(REPORT_URI), { preview: true });
      }
    }),
  );
  // For the integration tests: the view's state as plain data.
  registerTestCommands(context, {
    'gloss.test.segments': async () => ({
      query: provider.query,
      description: provider.shortDescription(),
      given: provider.given,
      message: provider.showing ? await provider.summary() : undefined,
      criteria: provider.criteria(),
      groups: (await provider.getChildren()).map((g) => ({
        codeId: g.codeId,
        label: g.kind === 'group' ? g.label : '',
        segments: g.kind === 'group' ? g.segments.map((s) => ({ codingId: s.codingId, documentPath: s.documentPath, line: s.line, coder: s.coder, text: s.text, caseId: s.caseId })) : [],
      })),
      report: provider.showing ? await fullReport() : undefined,
    }),
    // Writes the report in chunks of `chunkSize` parts (none: the usual), and with `hold` keeps
    // its last chunk back until called again.
    'gloss.test.segmentsReportChunks': (args: { chunkSize?: number; hold: boolean }) => {
      report.chunkSize = args.chunkSize ?? REPORT_CHUNK;
      releaseReport?.();
      releaseReport = undefined;
      report.holdBeforeLast = args.hold ? new Promise<void>((resolve) => (releaseReport = resolve)) : undefined;
    },
  });
  void update();
}

function safeFileName(name: string): string {
  return name.replace(/[\\/:*?"<>|\u0000-\u001f]/g, '_').trim() || 'segments';
}
