// Building DOM without HTML strings: every piece of data goes in through textContent or a
// property, never innerHTML, so a transcript holding `<img onerror=…>` or `</script>` stays text.

type Attributes = Record<string, string | number | boolean | undefined>;

export interface ElementOptions {
  readonly className?: string;
  readonly text?: string;
  readonly attrs?: Attributes;
  readonly title?: string;
  readonly on?: { readonly [K in keyof HTMLElementEventMap]?: (event: HTMLElementEventMap[K]) => void };
}

export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  options: ElementOptions = {},
  children: ReadonlyArray<Node | string | undefined | false> = [],
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  if (options.className) element.className = options.className;
  if (options.text !== undefined) element.textContent = options.text;
  if (options.title !== undefined) element.title = options.title;
  for (const [name, value] of Object.entries(options.attrs ?? {})) {
    if (value === undefined || value === false) continue;
    // Event handler attributes are never set from here: listeners go through `on`.
    if (/^on/i.test(name)) throw new Error(`refusing to set ${name}`);
    element.setAttribute(name, value === true ? '' : String(value));
  }
  for (const [type, listener] of Object.entries(options.on ?? {})) {
    element.addEventListener(type, listener as EventListener);
  }
  for (const child of children) {
    if (child === undefined || child === false) continue;
    element.append(typeof child === 'string' ? document.createTextNode(child) : child);
  }
  return element;
}

export function clear(element: Element): void {
  element.replaceChildren();
}

/** A colour from the codebook, accepted only as `#RRGGBB`. */
export function safeColour(colour: string | undefined): string | undefined {
  return colour !== undefined && /^#[0-9a-fA-F]{6}$/.test(colour) ? colour : undefined;
}

export function swatch(colour: string | undefined): HTMLElement {
  const span = el('span', { className: 'swatch', attrs: { 'aria-hidden': 'true' } });
  const safe = safeColour(colour);
  if (safe) span.style.backgroundColor = safe;
  else span.classList.add('swatch-none');
  return span;
}

/** A select whose options are [value, label] pairs. */
export function select(control: string, label: string, options: ReadonlyArray<readonly [string, string]>, value: string, onChange: (value: string) => void): HTMLElement {
  const id = `control-${control}`;
  const element = el('select', { attrs: { id, 'data-control': control } });
  for (const [optionValue, optionLabel] of options) {
    const option = el('option', { text: optionLabel });
    option.value = optionValue;
    element.append(option);
  }
  element.value = value;
  element.addEventListener('change', () => onChange(element.value));
  return el('span', { className: 'control' }, [el('label', { text: label, attrs: { for: id } }), element]);
}

export function checkbox(control: string, label: string, checked: boolean, onChange: (checked: boolean) => void): HTMLElement {
  const id = `control-${control}`;
  const input = el('input', { attrs: { id, type: 'checkbox', 'data-control': control } });
  input.checked = checked;
  input.addEventListener('change', () => onChange(input.checked));
  return el('span', { className: 'control checkbox' }, [input, el('label', { text: label, attrs: { for: id } })]);
}

export function button(text: string, onClick: () => void, options: { testId?: string; title?: string; className?: string; pressed?: boolean } = {}): HTMLButtonElement {
  const element = el('button', {
    text,
    className: options.className ?? '',
    ...(options.title ? { title: options.title } : {}),
    attrs: { type: 'button', 'data-test': options.testId, 'aria-pressed': options.pressed === undefined ? undefined : String(options.pressed) },
  });
  element.addEventListener('click', onClick);
  return element;
}
