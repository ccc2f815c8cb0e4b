// A value typed into the classification sheet or read from a CSV cell, checked against its
// attribute's type; and how a value is written in cases.yaml.
import type { AttributeDefinition, AttributeValue } from '../model';
import { flowScalar } from '../yaml/scalar';

/** `value` undefined: the cell is emptied (the attribute is removed there). */
export type AttributeInput = { readonly value: AttributeValue | undefined } | { readonly error: string };

const TRUE_WORDS = new Set(['true', 'yes']);
const FALSE_WORDS = new Set(['false', 'no']);

/** Reads `raw` as a value of `definition` (text when the attribute is not declared). */
export function readAttributeInput(definition: AttributeDefinition | undefined, raw: string): AttributeInput {
  const name = definition?.name ?? 'the attribute';
  const trimmed = raw.trim();
  if (trimmed === '') return { value: undefined };
  switch (definition?.type ?? 'text') {
    case 'number': {
      const value = Number(trimmed);
      return /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(trimmed) && Number.isFinite(value)
        ? { value }
        : { error: `"${trimmed}" is not a number (${name} is a number attribute; use a dot for decimals).` };
    }
    case 'date':
      return isCalendarDate(trimmed) ? { value: trimmed } : { error: `"${trimmed}" is not a date written YYYY-MM-DD (${name} is a date attribute).` };
    case 'boolean': {
      const word = trimmed.toLowerCase();
      if (TRUE_WORDS.has(word)) return { value: true };
      if (FALSE_WORDS.has(word)) return { value: false };
      return { error: `"${trimmed}" is neither true nor false (${name} is a yes/no attribute).` };
    }
    case 'choice': {
      const values = definition?.values ?? [];
      if (values.includes(trimmed)) return { value: trimmed };
      return { error: `"${trimmed}" is not one of the values of ${name}: ${values.join(', ')}.` };
    }
    default:
      return trimmed.includes('\n') ? { error: `A value of ${name} must fit on one line.` } : { value: trimmed };
  }
}

function isCalendarDate(text: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** The value as it is shown and typed: numbers and booleans as YAML writes them. */
export function attributeText(value: AttributeValue | undefined): string {
  return value === undefined ? '' : String(value);
}

/**
 * The value's YAML source, usable in a flow map. A date is written plain (as the format's
 * examples do); text that would read back as another type (`1989`, `true`) is quoted.
 */
export function attributeSource(value: AttributeValue, definition: AttributeDefinition | undefined): string {
  if (typeof value !== 'string') return String(value);
  if (definition?.type === 'date' && isCalendarDate(value)) return value;
  return flowScalar(value);
}
