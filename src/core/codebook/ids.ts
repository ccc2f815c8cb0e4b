// Code ids. The extension makes readable ids from the code's name; researchers may write any
// unique string. REFI-QDA exchange files need GUIDs, so every other id maps to a name-based UUID
// (version 5) that is the same on every machine and every export.

import { createHash } from 'node:crypto';

/** Longest readable id made from a name, in code points: ids show in every diff and memo file name. */
const READABLE_ID_LENGTH = 40;

/**
 * The id of a new code named `name`: its words in lower case joined by "-" (accents on Latin
 * letters dropped, other scripts kept whole), numbered -2, -3… while `isTaken`. The id never
 * changes afterwards, not even on rename: codings refer to the code by it.
 */
export function newCodeId(name: string, isTaken: (id: string) => boolean): string {
  const plain = name.normalize('NFD').replace(/(\p{Script=Latin})\p{M}+/gu, '$1').normalize('NFC').toLowerCase();
  const words = plain.match(/[\p{L}\p{M}\p{N}]+/gu) ?? [];
  let base = '';
  for (const word of words) {
    const longer = base === '' ? word : `${base}-${word}`;
    if ([...longer].length > READABLE_ID_LENGTH) break;
    base = longer;
  }
  const first = words[0];
  if (base === '') base = first === undefined ? 'code' : [...first].slice(0, READABLE_ID_LENGTH).join('');
  let id = base;
  for (let n = 2; isTaken(id); n++) id = `${base}-${n}`;
  return id;
}

/**
 * Namespace of the UUID v5 GUIDs made from code ids. Fixed forever: changing it would change every
 * exported GUID and break re-imports into other QDA programs.
 */
export const CODE_ID_NAMESPACE = '7d8a4a3e-5b1f-4c6e-9a0d-2f3b6c1e8d47';

const GUID = /^\{?([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})\}?$/;

/** Whether `id` is a GUID (with or without braces, any case). */
export function isGuid(id: string): boolean {
  return guidOf(id) !== undefined;
}

/** The GUID `id` is, lower case and without braces; undefined when it is not a GUID. */
export function guidOf(id: string): string | undefined {
  // Most GUIDs an import reads (hundreds of thousands) are already in this form: checked char by char, kept as they are.
  if (isLowerCaseGuid(id)) return id;
  const match = GUID.exec(id);
  return match !== null && id.startsWith('{') === id.endsWith('}') ? match[1].toLowerCase() : undefined;
}

/** Whether `id` is 8-4-4-4-12 lower-case hex digits, without braces. */
function isLowerCaseGuid(id: string): boolean {
  if (id.length !== 36) return false;
  for (let i = 0; i < 36; i++) {
    const c = id.charCodeAt(i);
    if (i === 8 || i === 13 || i === 18 || i === 23) {
      if (c !== 0x2d) return false;
    } else if (!((c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x66))) return false;
  }
  return true;
}

/**
 * The REFI-QDA GUID of a code id: a GUID id is kept (lower case, braces dropped), any other id
 * becomes the UUID v5 of its UTF-8 bytes in CODE_ID_NAMESPACE.
 */
export function toRefiGuid(id: string): string {
  return guidOf(id) ?? uuidV5(id, CODE_ID_NAMESPACE);
}

/** RFC 9562 UUID version 5: SHA-1 of namespace bytes then name bytes, with version and variant set. */
export function uuidV5(name: string, namespace: string): string {
  const namespaceBytes = Buffer.from(namespace.replaceAll('-', ''), 'hex');
  const hash = createHash('sha1').update(namespaceBytes).update(name, 'utf8').digest();
  hash[6] = (hash[6] & 0x0f) | 0x50;
  hash[8] = (hash[8] & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
