// The comparison's tabs and the toolbar of the tab shown: its choices (columns, metric, proximity,
// coders…) and its buttons. Choices go to the app as view changes, buttons as commands.
import { fill, type ColumnDimension, type ComparisonTab, type Proximity, type StudyInfo, type ViewState, type WebviewCommand, type WebviewStrings } from '../../shared/comparison-protocol';
import { button, checkbox, clear, el, select } from '../shared/dom';

export interface ToolbarActions {
  readonly changeView: (change: Partial<ViewState>) => void;
  readonly command: (command: WebviewCommand) => void;
}

export function renderTabs(header: HTMLElement, shown: ComparisonTab, s: WebviewStrings, changeView: ToolbarActions['changeView']): void {
  clear(header);
  const tabs: Array<[ComparisonTab, string]> = [
    ['codes', s.tabCodes],
    ['cooccurrence', s.tabCooccurrence],
    ['framework', s.tabFramework],
  ];
  tabs.forEach(([tab, label], index) => {
    const selected = shown === tab;
    const element = el('button', {
      text: label,
      className: `tab ${selected ? 'selected' : ''}`,
      attrs: { type: 'button', role: 'tab', 'aria-selected': String(selected), tabindex: selected ? 0 : -1, 'data-test': `tab-${tab}`, 'data-control': index === 0 ? 'tab' : undefined },
    });
    element.addEventListener('click', () => changeView({ tab }));
    element.addEventListener('keydown', (event) => {
      if (event.key !== 'ArrowRight' && event.key !== 'ArrowLeft') return;
      const next = tabs[(index + (event.key === 'ArrowRight' ? 1 : tabs.length - 1)) % tabs.length][0];
      changeView({ tab: next });
      header.querySelector<HTMLElement>(`[data-test="tab-${next}"]`)?.focus();
    });
    header.append(element);
  });
}

export function renderToolbar(toolbar: HTMLElement, view: ViewState, study: StudyInfo, s: WebviewStrings, actions: ToolbarActions): void {
  clear(toolbar);
  toolbar.append(
    ...(view.tab === 'codes' ? codeMatrixChoices(view, study, s, actions) : []),
    ...(view.tab === 'cooccurrence' ? cooccurrenceChoices(view, s, actions) : []),
    ...(view.tab === 'codes' || view.tab === 'cooccurrence' ? codingChoices(view, study, s, actions) : []),
    ...(view.tab === 'framework' ? frameworkButtons(view, study, s, actions) : []),
    el('span', { className: 'spacer' }),
    button(s.openAgreement, () => actions.command('openAgreement'), { testId: 'open-agreement' }),
    button(s.exportCsv, () => actions.command('exportCsv'), { testId: 'export-csv' }),
    button(s.exportMarkdown, () => actions.command('exportMarkdown'), { testId: 'export-markdown' }),
  );
}

function codeMatrixChoices(view: ViewState, study: StudyInfo, s: WebviewStrings, { changeView }: ToolbarActions): HTMLElement[] {
  const columnOptions: Array<[string, string]> = [
    ['document', s.columnsDocuments],
    ['case', s.columnsCases],
    ...study.attributes.map((a): [string, string] => [`attribute:${a}`, fill(s.columnsAttribute, a)]),
  ];
  const metrics: Array<[ViewState['metric'], string]> = [['segments', s.metricSegments], ['documents', s.metricDocuments], ['coverage', s.metricCoverage], ['presence', s.metricPresence]];
  return [
    select('columns', s.columns, columnOptions, columnValue(view.columns), (value) => changeView({ columns: parseColumns(value), sort: { ...view.sort, column: null } })),
    select('metric', s.metric, metrics, view.metric, (value) => changeView({ metric: value as ViewState['metric'] })),
  ];
}

function cooccurrenceChoices(view: ViewState, s: WebviewStrings, { changeView }: ToolbarActions): HTMLElement[] {
  const items = [
    select('proximity', s.proximity, [['overlap', s.proximityOverlap], ['turn', s.proximityTurn], ['paragraph', s.proximityParagraph], ['distance', s.proximityDistance]], view.proximity.kind, (value) =>
      changeView({ proximity: value === 'distance' ? { kind: 'distance', distance: view.proximity.kind === 'distance' ? view.proximity.distance : 200 } : ({ kind: value } as Proximity) }),
    ),
  ];
  if (view.proximity.kind === 'distance') {
    const input = el('input', { attrs: { id: 'control-distance', type: 'number', min: 0, step: 50, 'data-control': 'distance' } });
    input.value = String(view.proximity.distance);
    input.addEventListener('change', () => changeView({ proximity: { kind: 'distance', distance: Math.max(0, Math.round(Number(input.value) || 0)) } }));
    items.push(el('span', { className: 'control' }, [el('label', { text: s.distance, attrs: { for: 'control-distance' } }), input]));
  }
  items.push(select('pairs', s.pairs, [['within-coder', s.pairsWithinCoder], ['across-coders', s.pairsAcrossCoders]], view.pairs, (value) => changeView({ pairs: value as ViewState['pairs'] })));
  return items;
}

/** Roll-up and, with more than one coder, whose codings count. */
function codingChoices(view: ViewState, study: StudyInfo, s: WebviewStrings, { changeView }: ToolbarActions): HTMLElement[] {
  const items = [checkbox('rollUp', s.rollUp, view.rollUp, (checked) => changeView({ rollUp: checked }))];
  if (study.coders.length > 1) {
    const coders = el('fieldset', { className: 'coders' }, [el('legend', { text: s.coders })]);
    for (const coder of study.coders) {
      const checked = view.coders === null || view.coders.includes(coder);
      coders.append(
        checkbox(`coder:${coder}`, coder, checked, (on) => {
          const current = new Set(view.coders ?? study.coders);
          if (on) current.add(coder);
          else current.delete(coder);
          const all = study.coders.every((c) => current.has(c));
          changeView({ coders: all ? null : study.coders.filter((c) => current.has(c)) });
        }),
      );
    }
    items.push(coders);
  }
  return items;
}

function frameworkButtons(view: ViewState, study: StudyInfo, s: WebviewStrings, { changeView, command }: ToolbarActions): HTMLElement[] {
  const items: HTMLElement[] = [];
  if (study.frameworks.length > 0) {
    const current = view.framework ?? study.frameworks[0];
    items.push(select('framework', s.matrixFile, study.frameworks.map((f) => [f, f] as [string, string]), current, (value) => changeView({ framework: value })));
    items.push(button(s.addRow, () => command('addRow'), { testId: 'add-row' }));
    items.push(button(s.addTheme, () => command('addTheme'), { testId: 'add-theme' }));
    items.push(button(s.openFile, () => command('openFrameworkFile'), { testId: 'open-file' }));
  }
  items.push(button(s.newFramework, () => command('newFramework'), { testId: 'new-framework' }));
  return items;
}

function columnValue(columns: ColumnDimension): string {
  return columns.kind === 'attribute' ? `attribute:${columns.attribute}` : columns.kind;
}

function parseColumns(value: string): ColumnDimension {
  if (value.startsWith('attribute:')) return { kind: 'attribute', attribute: value.slice('attribute:'.length) };
  return value === 'document' ? { kind: 'document' } : { kind: 'case' };
}
