import { strict as assert } from 'node:assert';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseCodebook } from '../../src/core/codebook/parse';
import { mergeCodebookIntoStudy } from '../../src/core/refi/merge-codebook';
import { XmlError } from '../../src/core/refi/xml';
import { Study } from '../../src/core/study/study';

const CODEBOOK = `# Our codebook: this comment stays.
codes:
  - id: organisation   # the big one
    name: Organisation
    colour: "#4E79A7"
    guid: 11111111-2222-4333-8444-555555555555
    children:
      - id: org-policy
        name: Policy

  - id: impact
    name: Impact
`;

const QDC = `<?xml version="1.0" encoding="utf-8"?>
<CodeBook xmlns="urn:QDA-XML:codebook:1.0" origin="NVivo">
  <Codes>
    <Code guid="11111111-2222-4333-8444-555555555555" name="Organisation (renamed there)" isCodable="true">
      <Code guid="AAAAAAAA-0000-4000-8000-000000000001" name="policy" isCodable="true">
        <Code guid="AAAAAAAA-0000-4000-8000-000000000002" name="Rules" isCodable="true" color="#F00"><Description>Written rules.</Description></Code>
      </Code>
    </Code>
    <Code guid="AAAAAAAA-0000-4000-8000-000000000003" name="Emotions" isCodable="true"/>
  </Codes>
</CodeBook>`;

describe('REFI-QDA codebook merge into the current study', () => {
  let root: string;
  beforeEach(async () => {
    root = await fs.mkdtemp(path.join(os.tmpdir(), 'gloss-qdc-merge-'));
    await fs.writeFile(path.join(root, 'codebook.yaml'), CODEBOOK);
  });
  afterEach(async () => {
    await fs.rm(root, { recursive: true, force: true });
  });

  it('matches by GUID, then by path of names; adds the new codes; removes and renames nothing; keeps comments', async () => {
    const study = await Study.load(root);
    const result = await mergeCodebookIntoStudy(study, Buffer.from(QDC), 'nvivo.qdc');
    assert.equal(result.matchedByGuid, 1);
    assert.equal(result.matchedByPath, 1);
    assert.deepEqual(result.added, ['Organisation (renamed there) › policy › Rules', 'Emotions']);
    assert.match(result.findings.map((f) => f.message).join('\n'), /is “Organisation” in this study \(same GUID\): kept as it is here/);
    const text = await fs.readFile(path.join(root, 'codebook.yaml'), 'utf8');
    assert.ok(text.startsWith('# Our codebook: this comment stays.\n'));
    assert.ok(text.includes('  - id: organisation   # the big one\n'));
    const { codebook, problems } = parseCodebook(text, 'codebook.yaml');
    assert.deepEqual(problems, []);
    assert.deepEqual(codebook.codes.map((c) => [c.name, c.parentId ?? null, c.guid ?? null]), [
      ['Organisation', null, '11111111-2222-4333-8444-555555555555'],
      ['Policy', 'organisation', 'aaaaaaaa-0000-4000-8000-000000000001'],
      ['Rules', 'org-policy', 'aaaaaaaa-0000-4000-8000-000000000002'],
      ['Impact', null, null],
      ['Emotions', null, 'aaaaaaaa-0000-4000-8000-000000000003'],
    ]);
    const rules = codebook.get('aaaaaaaa-0000-4000-8000-000000000002')!;
    assert.equal(rules.colour, '#FF0000');
    assert.equal(rules.description, 'Written rules.');
  });

  it('merging the same file twice changes nothing the second time', async () => {
    const study = await Study.load(root);
    await mergeCodebookIntoStudy(study, Buffer.from(QDC), 'nvivo.qdc');
    const once = await fs.readFile(path.join(root, 'codebook.yaml'), 'utf8');
    const again = await mergeCodebookIntoStudy(study, Buffer.from(QDC), 'nvivo.qdc');
    assert.deepEqual(again.added, []);
    assert.equal(again.matchedByGuid, 4);
    assert.equal(await fs.readFile(path.join(root, 'codebook.yaml'), 'utf8'), once);
  });

  it('refuses a codebook with a DOCTYPE and leaves codebook.yaml as it was', async () => {
    const study = await Study.load(root);
    const hostile = `<?xml version="1.0"?><!DOCTYPE CodeBook [<!ENTITY x SYSTEM "file:///etc/passwd">]><CodeBook><Codes><Code guid="AAAAAAAA-0000-4000-8000-000000000009" name="&x;" isCodable="true"/></Codes></CodeBook>`;
    await assert.rejects(mergeCodebookIntoStudy(study, Buffer.from(hostile), 'bad.qdc'), XmlError);
    assert.equal(await fs.readFile(path.join(root, 'codebook.yaml'), 'utf8'), CODEBOOK);
  });
});
