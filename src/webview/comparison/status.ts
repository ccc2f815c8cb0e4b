// The line under the toolbar saying what the matrix counts, and the problems of a framework file.
import { counted, fill, type ViewData, type ViewState, type WebviewStrings } from '../../shared/comparison-protocol';
import { clear, el } from '../shared/dom';

export function statusText(busy: boolean, data: ViewData | undefined, view: ViewState, s: WebviewStrings): string {
  if (busy) return s.loading;
  if (!data || data.kind === 'none') return s.noStudy;
  if (data.kind === 'framework') return data.file === null ? s.noFramework : [data.title, data.description].filter(Boolean).join(' — ');
  const documents = counted(data.documents, s.oneDocument, s.documentsCount);
  const text =
    data.kind === 'codes'
      ? fill(s.statusCodes, documents, counted(data.all.total.segments, s.oneSegment, s.segmentsCount), Math.round(data.milliseconds))
      : fill(s.statusCooccurrence, documents, view.pairs === 'across-coders' ? s.pairsAcrossCoders : s.pairsWithinCoder, Math.round(data.milliseconds));
  const excluded = data.excluded.orphans + data.excluded.unknownCodes > 0 ? ` · ${fill(s.statusExcluded, data.excluded.orphans, data.excluded.unknownCodes)}` : '';
  return text + excluded;
}

/** The first problems of the framework file shown, folded away under their count. */
export function renderProblems(host: HTMLElement, data: ViewData | undefined, s: WebviewStrings): void {
  clear(host);
  if (!data || data.kind !== 'framework' || data.problems.length === 0) return;
  const list = el('ul');
  for (const problem of data.problems.slice(0, 20)) {
    list.append(el('li', { className: problem.severity, text: `${data.file}${problem.line ? `:${problem.line}` : ''}: ${problem.message}` }));
  }
  host.append(el('details', {}, [el('summary', { text: `${fill(s.problems, data.file ?? '')} (${data.problems.length})` }), list]));
}
