// One coded segment as the side panel lists it: where it is, its text, and buttons beside it.
// Enter or a click opens the transcript at the segment (not an orphan's or a missing id's).
import { fill, type SegmentData, type WebviewStrings } from '../../shared/comparison-protocol';
import { el } from '../shared/dom';

export function segmentElement(segment: SegmentData, s: WebviewStrings, open: (segment: SegmentData) => void, actions: HTMLElement[] = []): HTMLElement {
  const meta = segment.missing
    ? `${segment.id} — ${segment.hidden ? s.hidden : s.missing}`
    : [segment.caseName, segment.document, segment.orphan ? s.orphan : fill(s.line, segment.line), segment.codeLabel, segment.coder].filter(Boolean).join(' · ');
  const openable = !segment.missing && !segment.orphan;
  const element = el(
    'div',
    {
      className: `segment ${segment.orphan ? 'orphan' : ''} ${segment.missing ? 'missing' : ''}`,
      attrs: { tabindex: 0, role: openable ? 'button' : undefined, 'data-test': 'segment', 'aria-label': meta },
    },
    [
      el('div', { className: 'meta', text: meta }),
      el('div', { className: 'quote', text: segment.text + (segment.truncated ? ' …' : '') }),
      actions.length > 0 ? el('div', { className: 'actions' }, actions) : undefined,
    ],
  );
  if (openable) {
    element.addEventListener('click', (event) => {
      if ((event.target as HTMLElement).closest('button')) return;
      open(segment);
    });
    element.addEventListener('keydown', (event) => {
      if (event.key === 'Enter' && event.target === element && !event.ctrlKey) {
        event.preventDefault();
        open(segment);
      }
    });
  }
  return element;
}
