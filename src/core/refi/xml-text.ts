// Text for QDA-XML documents. Markup characters are escaped; what cannot be escaped are the
// characters XML 1.0 forbids (control characters other than tab, LF and CR, U+FFFE, U+FFFF, lone
// surrogates): they are removed, and each removal is reported with the study file the text came from.
import { XMLBuilder } from 'fast-xml-parser';
import type { Problem } from '../model';

const FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Collects the removals of one export, one problem per file and what the text was. */
export class XmlTextCleaner {
  private readonly removed = new Map<string, number>();

  /** `text` without the characters XML 1.0 forbids; `file` and `what` say where it came from, for the report. */
  clean(text: string, file: string, what: string): string {
    FORBIDDEN.lastIndex = 0;
    if (!FORBIDDEN.test(text)) return text;
    let count = 0;
    const cleaned = text.replace(FORBIDDEN, () => {
      count++;
      return '';
    });
    const key = `${file}\u0000${what}`;
    this.removed.set(key, (this.removed.get(key) ?? 0) + count);
    return cleaned;
  }

  get problems(): Problem[] {
    return [...this.removed].map(([key, count]) => {
      const [file, what] = key.split('\u0000');
      return {
        file,
        message: `${count} character${count === 1 ? '' : 's'} that XML does not allow (control characters) removed from ${what} in the exported file.`,
        severity: 'warning',
      };
    });
  }
}

/** The namespaces of the two QDA-XML documents. */
export const PROJECT_NAMESPACE = 'urn:QDA-XML:project:1.0';
export const CODEBOOK_NAMESPACE = 'urn:QDA-XML:codebook:1.0';

/** An element for the builder: attributes under `@_` keys, children in schema order. */
export type XmlElement = { readonly [key: string]: string | number | XmlElement | readonly XmlElement[] | undefined };

// A reader turns a literal tab, LF or CR in an attribute value into a space (XML 1.0 §3.3.3) and a
// literal CR or CRLF in text into LF (§2.11): they are written as character references so that they
// come back as they were. The builder's own escaping (processEntities) would escape the "&" of those
// references, so values are escaped here instead, in one pass each.
const ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;', '\t': '&#9;', '\n': '&#10;', '\r': '&#13;' };
const ATTRIBUTE_SPECIALS = /[&<>"'\t\n\r]/g;
const TEXT_SPECIALS = /[&<>"'\r]/g;
const escape = (character: string): string => ESCAPES[character];

/** The builder passes numbers as they are: they need no escaping. */
function escaped(value: unknown, specials: RegExp): unknown {
  return typeof value === 'string' ? value.replace(specials, escape) : value;
}

// suppressBooleanAttributes off: isCodable="true" must be written out, not as a bare attribute.
const builder = new XMLBuilder({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  suppressEmptyNode: true,
  suppressBooleanAttributes: false,
  format: false,
  processEntities: false,
  attributeValueProcessor: (_name, value) => escaped(value, ATTRIBUTE_SPECIALS),
  tagValueProcessor: (_name, value) => escaped(value, TEXT_SPECIALS),
});

/** A whole QDA-XML document: the declaration, then the root element. */
export function qdaXml(rootName: string, root: XmlElement): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n${builder.build({ [rootName]: root }) as string}\n`;
}
