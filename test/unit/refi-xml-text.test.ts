// What the REFI-QDA export writes comes back as it was to an XML reader (the import's own): XML
// turns a literal tab, LF or CR in an attribute value into a space and a literal CR in text into LF.
import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { qdaXml } from '../../src/core/refi/xml-text';
import { childNamed, parseXml } from '../../src/core/refi/xml';

/** One character XML 1.0 allows, the ones it treats specially more often than the rest. */
const xmlCharacter = fc.oneof(
  fc.constantFrom('\t', '\n', '\r', ' ', '&', '<', '>', '"', "'", ';', '#', ']'),
  fc.integer({ min: 0x20, max: 0xd7ff }).map((c) => String.fromCodePoint(c)),
  fc.integer({ min: 0xe000, max: 0xfffd }).map((c) => String.fromCodePoint(c)),
  fc.integer({ min: 0x10000, max: 0x10ffff }).map((c) => String.fromCodePoint(c)),
);
const xmlString = fc.array(xmlCharacter, { maxLength: 40 }).map((characters) => characters.join(''));

describe('REFI-QDA XML text', () => {
  it('writes any string of XML characters as an attribute value and as text so that the reader gets back the same string', () => {
    fc.assert(
      fc.property(xmlString, xmlString, (name, description) => {
        const root = parseXml(qdaXml('Code', { '@_name': name, Description: description }), 'project.qde');
        assert.equal(root.attributes.name, name);
        assert.equal(childNamed(root, 'Description')?.text ?? '', description);
      }),
      { numRuns: 2000 },
    );
  });

  it('writes tab, LF and CR in attribute values and CR in text as character references, leaving tab and LF in text as they are', () => {
    const xml = qdaXml('Code', { '@_name': 'a\tb\nc\rd', Description: 'e\tf\ng\r\nh' });
    assert.equal(xml, '<?xml version="1.0" encoding="UTF-8"?>\n<Code name="a&#9;b&#10;c&#13;d"><Description>e\tf\ng&#13;\nh</Description></Code>\n');
  });
});
