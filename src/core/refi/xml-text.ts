// Text for QDA-XML documents. The builder escapes markup; what it cannot escape are the characters
// XML 1.0 forbids (control characters other than tab, LF and CR, U+FFFE, U+FFFF, lone surrogates):
// they are removed, and each removal is reported with the study file the text came from.
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

// suppressBooleanAttributes off: isCodable="true" must be written out, not as a bare attribute.
const builder = new XMLBuilder({ ignoreAttributes: false, attributeNamePrefix: '@_', suppressEmptyNode: true, suppressBooleanAttributes: false, format: false });

/** A whole QDA-XML document: the declaration, then the root element. */
export function qdaXml(rootName: string, root: XmlElement): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n${builder.build({ [rootName]: root }) as string}\n`;
}
