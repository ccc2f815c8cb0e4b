// A horizontal bar chart in plain HTML and CSS (no chart library): one row per word, the bar's
// length its share of the largest value. Negative values (a comparison's second group) grow to
// the left of the axis. Each bar is a button: it shows the word in context.
import { el } from '../shared/dom';

export interface Bar {
  readonly label: string;
  readonly value: number;
  readonly note?: string;
}

export function barChart(title: string, bars: readonly Bar[], onClick: (label: string) => void): HTMLElement {
  const largest = Math.max(1e-9, ...bars.map((b) => Math.abs(b.value)));
  const twoSided = bars.some((b) => b.value < 0);
  const chart = el('figure', { className: `chart${twoSided ? ' two-sided' : ''}` }, [el('figcaption', { text: title })]);
  const list = el('div', { className: 'bars', attrs: { role: 'list' } });
  for (const bar of bars) {
    const share = `${((Math.abs(bar.value) / largest) * (twoSided ? 50 : 100)).toFixed(1)}%`;
    const fill = el('span', { className: `fill${bar.value < 0 ? ' negative' : ''}` });
    fill.style.width = share;
    if (twoSided) {
      if (bar.value < 0) fill.style.right = '50%';
      else fill.style.left = '50%';
    }
    const value = Math.abs(bar.value).toLocaleString(undefined, { maximumFractionDigits: 1 });
    const button = el('button', { className: 'bar', attrs: { type: 'button', role: 'listitem', 'aria-label': `${bar.label}: ${value}${bar.note ? ` (${bar.note})` : ''}` } }, [
      el('span', { className: 'label', text: bar.label }),
      el('span', { className: 'track' }, [fill]),
      el('span', { className: 'value', text: `${value}${bar.note ? ` · ${bar.note}` : ''}` }),
    ]);
    button.addEventListener('click', () => onClick(bar.label));
    list.append(button);
  }
  chart.append(list);
  return chart;
}
