// Writing a string value as a YAML scalar that reads back as exactly that string — in this
// library, in YAML 1.1 parsers (PyYAML) and wherever it stands (block map or flow map).

import { parseDocument } from 'yaml';

export type ScalarStyle = 'plain' | 'single' | 'double' | 'literal';

export interface ScalarPlace {
  /** Inside `{ … }` or `[ … ]`: no block scalars, fewer plain characters. */
  readonly inFlow: boolean;
  /** Column of a literal block scalar's lines (deeper than its key). */
  readonly blockIndent: number;
  /** The style to keep when it can hold the value (the style the old value was written in). */
  readonly preferred?: ScalarStyle;
}

/**
 * The scalar's source. A literal block scalar spans lines: its first line is the header
 * (`|` or `|-`) and the rest are given separately so that the caller joins them with the file's
 * line ending.
 */
export interface FormattedScalar {
  readonly style: ScalarStyle;
  /** The text written after `key: ` on the key's line. */
  readonly head: string;
  /** Further whole lines (literal block scalars only), indented, without line breaks. */
  readonly lines: readonly string[];
}

export function formatScalar(value: string, place: ScalarPlace): FormattedScalar {
  const style = chooseStyle(value, place);
  switch (style) {
    case 'plain':
      return { style, head: value, lines: [] };
    case 'single':
      return { style, head: `'${value.replaceAll("'", "''")}'`, lines: [] };
    case 'double':
      return { style, head: doubleQuoted(value), lines: [] };
    case 'literal':
      return literal(value, place.blockIndent);
  }
}

function chooseStyle(value: string, place: ScalarPlace): ScalarStyle {
  if (value.includes('\n')) {
    return !place.inFlow && canBeLiteral(value) ? 'literal' : 'double';
  }
  const preferred = place.preferred ?? 'plain';
  if (preferred === 'single' && canBeSingleQuoted(value)) return 'single';
  if (preferred === 'double') return 'double';
  if (preferred !== 'single' && canBePlain(value, place.inFlow)) return 'plain';
  // Quotes inside read better without backslashes.
  if (value.includes('"') && !value.includes("'") && canBeSingleQuoted(value)) return 'single';
  return 'double';
}

/**
 * Characters that must be escaped, i.e. are not "printable" in YAML (or are line breaks in
 * YAML 1.1: NEL, LS, PS), plus the byte-order mark and the tab, which is invisible in a name.
 */
const NEEDS_ESCAPE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\ufeff\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/u;

function canBeSingleQuoted(value: string): boolean {
  return !NEEDS_ESCAPE.test(value);
}

/** Words other YAML readers turn into booleans or null even though this schema would not. */
const YAML11_WORDS = /^(?:y|Y|yes|Yes|YES|n|N|no|No|NO|on|On|ON|off|Off|OFF)$/;

/**
 * Names as most codes have them: a letter, then letters, digits, spaces and `- _ . ( ) /`. Such a
 * value holds no indicator, no `: ` or ` #`, and is no number, date or time (those start with a
 * digit, a sign or a dot): only the keywords below can read back as something else.
 */
const SURELY_PLAIN = /^\p{L}[\p{L}\p{M}\p{N} _.()/-]*$/u;
const KEYWORDS = /^(?:true|false|null|yes|no|on|off|y|n)$/i;

function canBePlain(value: string, inFlow: boolean): boolean {
  if (value === '' || value !== value.trim() || NEEDS_ESCAPE.test(value) || YAML11_WORDS.test(value)) return false;
  // Most values: known without parsing (a codebook of 1,000 codes has thousands of them).
  if (SURELY_PLAIN.test(value) && !KEYWORDS.test(value)) return true;
  // Let the parser decide: the value must read back as the same string under the YAML 1.2 core
  // schema and the YAML 1.1 schema (which also turns `1:20` or `0o7` into numbers).
  const source = inFlow ? `{k: ${value}}` : `k: ${value}`;
  return readsBackAs(source, value, '1.2') && readsBackAs(source, value, '1.1');
}

function readsBackAs(source: string, value: string, version: '1.1' | '1.2'): boolean {
  const doc = parseDocument(source, { version, prettyErrors: false });
  if (doc.errors.length > 0 || doc.warnings.length > 0) return false;
  try {
    const read: unknown = doc.toJS();
    return typeof read === 'object' && read !== null && Object.keys(read).length === 1 && (read as Record<string, unknown>).k === value;
  } catch {
    // An alias (`*name`) with no anchor, or similar: certainly not a plain string.
    return false;
  }
}

const NAMED_ESCAPES: Readonly<Record<string, string>> = {
  '\0': '\\0',
  '\x07': '\\a',
  '\b': '\\b',
  '\t': '\\t',
  '\n': '\\n',
  '\v': '\\v',
  '\f': '\\f',
  '\r': '\\r',
  '\x1b': '\\e',
  '"': '\\"',
  '\\': '\\\\',
  '\x85': '\\N',
  '\u2028': '\\L',
  '\u2029': '\\P',
};

/** A double-quoted scalar on one line; every character that is not plainly printable is escaped. */
export function doubleQuoted(value: string): string {
  let result = '"';
  for (let i = 0; i < value.length; i++) {
    const char = value[i];
    const code = value.charCodeAt(i);
    const named = NAMED_ESCAPES[char];
    if (named !== undefined) {
      result += named;
    } else if (code >= 0xd800 && code <= 0xdbff && i + 1 < value.length && isLowSurrogate(value.charCodeAt(i + 1))) {
      result += char + value[++i];
    } else if (NEEDS_ESCAPE.test(char)) {
      result += code <= 0xff ? `\\x${hex(code, 2)}` : `\\u${hex(code, 4)}`;
    } else {
      result += char;
    }
  }
  return result + '"';
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}

function hex(code: number, digits: number): string {
  return code.toString(16).toUpperCase().padStart(digits, '0');
}

/**
 * A literal block scalar keeps a multi-line description readable. It cannot hold values whose
 * first line starts with a space (that would need an indentation indicator), leading whitespace-only
 * lines, more than one final line break, or characters that need escapes.
 */
function canBeLiteral(value: string): boolean {
  if (NEEDS_ESCAPE.test(value.replaceAll('\n', ''))) return false;
  if (value.endsWith('\n\n')) return false;
  const lines = value.split('\n');
  const firstContent = lines.findIndex((line) => line !== '');
  if (firstContent === -1) return false;
  if (lines.slice(0, firstContent).some((line) => line !== '')) return false;
  return !/^[ \t]/.test(lines[firstContent]);
}

function literal(value: string, indent: number): FormattedScalar {
  // `|` keeps exactly one final line break, `|-` none.
  const keepsFinalBreak = value.endsWith('\n');
  const body = keepsFinalBreak ? value.slice(0, -1) : value;
  const lines = body.split('\n').map((line) => (line === '' ? '' : ' '.repeat(indent) + line));
  return { style: 'literal', head: keepsFinalBreak ? '|' : '|-', lines };
}

/** A value as it is written inside `{ … }` or `[ … ]`. */
export function flowScalar(value: string): string {
  return formatScalar(value, { inFlow: true, blockIndent: 0 }).head;
}

/** Values written as one flow list `[a, b]`. */
export function flowList(values: readonly string[]): string {
  return `[${values.map(flowScalar).join(', ')}]`;
}
