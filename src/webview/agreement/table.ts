// The agreement table: one row per code and one for all codes; for "all units" and "coded units"
// the units, percent agreement, Cohen's kappa (two sides), Fleiss' kappa and Krippendorff's alpha,
// then unitizing alpha and the codings per side. Data goes in as text only (see ../comparison/dom).
import { counted, rowCells, type AgreementResult, type AgreementRow, type AgreementStrings } from '../../shared/agreement-protocol';
import { button, el, swatch } from '../shared/dom';

/** The column headers, one per figure, as the test report names them. */
export function flatHeaders(result: AgreementResult, s: AgreementStrings): string[] {
  const group = (name: string) => figureNames(result, s).map((figure) => `${figure}, ${name}`);
  return [...group(s.allUnits), ...group(s.codedUnits), s.unitizingAlpha, ...result.sides.map((side) => `${s.codings}, ${side}`)];
}

function figureNames(result: AgreementResult, s: AgreementStrings): string[] {
  return [s.units, s.percentAgreement, ...(result.sides.length === 2 ? [s.cohenKappa] : []), s.fleissKappa, s.krippendorffAlpha];
}

/** Short names for the table's header, each with its full name as a tooltip and for screen readers. */
function shortNames(result: AgreementResult, s: AgreementStrings): string[] {
  return [s.units, s.percentShort, ...(result.sides.length === 2 ? [s.cohenShort] : []), s.fleissShort, s.alphaShort];
}

function header(short: string, full: string, className: string, attrs: Record<string, string | number> = {}): HTMLTableCellElement {
  return el('th', { className, attrs: { scope: 'col', ...attrs } }, [short === full ? short : el('abbr', { text: short, title: full })]);
}

export function agreementTable(result: AgreementResult, s: AgreementStrings, showDisagreements: (code: string | null) => void): HTMLTableElement {
  const figures = figureNames(result, s);
  const short = shortNames(result, s);
  const twoSides = result.sides.length === 2;
  // The first cell of each group: all units, coded units, unitizing alpha, codings.
  const groupStarts = new Set([0, figures.length, 2 * figures.length, 2 * figures.length + 1]);
  const head = el('thead', {}, [
    el('tr', {}, [
      el('th', { text: s.code, attrs: { rowspan: 2, scope: 'col' } }),
      el('th', { text: s.allUnits, className: 'group', attrs: { colspan: figures.length, scope: 'colgroup' } }),
      el('th', { text: s.codedUnits, className: 'group', attrs: { colspan: figures.length, scope: 'colgroup' } }),
      header(s.unitizingShort, s.unitizingAlpha, 'num group-start', { rowspan: 2 }),
      el('th', { text: s.codings, className: 'group', attrs: { colspan: result.sides.length, scope: 'colgroup' } }),
      el('th', { attrs: { rowspan: 2, scope: 'col' } }, [el('span', { className: 'visually-hidden', text: s.showDisagreements })]),
    ]),
    el('tr', {}, [
      ...[...figures, ...figures].map((name, i) => header(short[i % figures.length], name, i % figures.length === 0 ? 'num group-start' : 'num')),
      ...result.sides.map((side, i) => header(side, side, i === 0 ? 'num group-start' : 'num')),
    ]),
  ]);
  const line = (row: AgreementRow) => {
    const cells = rowCells(row, result.sides.length);
    return el('tr', { attrs: { 'data-code': row.code ?? '' } }, [
      el('th', { className: 'code', attrs: { scope: 'row' } }, [row.code === null ? undefined : swatch(row.colour), el('span', { className: 'name', text: row.name })]),
      ...cells.map((text, i) => el('td', { text, className: groupStarts.has(i) ? 'num group-start' : 'num' })),
      el('td', {}, [
        button(s.showDisagreements, () => showDisagreements(row.code), {
          testId: 'show-disagreements',
          className: 'link',
          title: twoSides ? `${s.showDisagreements}: ${row.name}` : s.showDisagreementsTwoSides,
        }),
      ]),
    ]);
  };
  const table = el('table', { className: 'agreement', attrs: { 'aria-label': s.tableLabel } }, [
    head,
    el('tbody', {}, result.rows.map(line)),
    el('tbody', { className: 'overall' }, [line(result.overall)]),
  ]);
  if (!twoSides) for (const b of table.querySelectorAll<HTMLButtonElement>('[data-test="show-disagreements"]')) b.disabled = true;
  return table;
}

/** What was not counted, documents a side did not code, problems: one line each. */
export function notices(result: AgreementResult, s: AgreementStrings, fill: (template: string, ...values: (string | number)[]) => string): string[] {
  return [
    ...result.orphans.map((o) => fill(s.orphans, o.count, o.coder, o.path)),
    ...result.missingTexts.map((path) => fill(s.missingText, path)),
    ...[...documentsNotCodedBy(result)].map(([side, paths]) => fill(s.notCodedBy, side, counted(paths.length, s.oneDocument, s.documentsCount), paths.join(', '))),
    ...result.uncoded.map((path) => fill(s.uncoded, path)),
    ...result.problems.map((p) => (p.line === undefined ? fill(s.problem, p.file, p.message) : fill(s.problemAtLine, p.file, p.line, p.message))),
  ];
}

/** Per side, the documents it has not coded. */
function documentsNotCodedBy(result: AgreementResult): Map<string, string[]> {
  const bySide = new Map<string, string[]>();
  for (const { path, sides } of result.notCodedBy) for (const side of sides) bySide.set(side, [...(bySide.get(side) ?? []), path]);
  return bySide;
}
