// Exporting the open study through the commands a user runs: the .qdpx holds every coding at its
// code-point position and validates against the REFI-QDA schema; the .qdc holds the codebook.
import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { unzipSync } from 'fflate';
import { XMLParser } from 'fast-xml-parser';
import * as vscode from 'vscode';
import { selectionGuid } from '../../src/core/refi/guids';
import { Study } from '../../src/core/study/study';
import type { RefiExportOutcome } from '../../src/interchange/export';
import { waitFor } from './helpers/wait';

const root = () => vscode.workspace.workspaceFolders![0].uri.fsPath;

function validate(file: string, schema: string): void {
  try {
    execFileSync('xmllint', ['--noout', '--nonet', '--schema', schema, file], { stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (error) {
    const e = error as NodeJS.ErrnoException & { stderr?: Buffer };
    throw new Error(e.code === 'ENOENT' ? 'xmllint is not installed (Debian: libxml2-utils).' : `${file} is not valid:\n${e.stderr?.toString() ?? e.message}`);
  }
}

describe('REFI-QDA export commands', function () {
  this.timeout(60_000);
  const scratch = path.join(os.tmpdir(), `gloss-refi-export-${process.pid}`);
  let schemas: string;

  before(async () => {
    const extension = vscode.extensions.getExtension('gloss-qda.gloss-qda')!;
    await extension.activate();
    schemas = path.join(extension.extensionPath, 'test', 'fixtures', 'refi');
    await fs.mkdir(scratch, { recursive: true });
    await waitFor('the study to open', async () => ((await vscode.commands.executeCommand<unknown[]>('gloss.test.documentsTree'))?.length ?? 0) > 0);
  });

  after(async () => {
    await fs.rm(scratch, { recursive: true, force: true });
  });

  it('exports the study as a .qdpx that validates and holds every coding at its position', async () => {
    const file = path.join(scratch, 'city.qdpx');
    const outcome = await vscode.commands.executeCommand<RefiExportOutcome>('gloss.exportQdpx', { target: file });
    assert.equal(outcome.file, file);
    assert.deepEqual(outcome.problems, []);

    const entries = unzipSync(await fs.readFile(file));
    const qde = path.join(scratch, 'project.qde');
    await fs.writeFile(qde, entries['project.qde']);
    validate(qde, path.join(schemas, 'Project.xsd'));

    const study = await Study.load(root());
    const codings = study.codingsFileList.flatMap((f) => f.codings);
    assert.equal(outcome.counts.selections, codings.length);
    const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', isArray: (name) => ['TextSource', 'PlainTextSelection'].includes(name) });
    const project = parser.parse(Buffer.from(entries['project.qde']).toString('utf8')).Project;
    const byGuid = new Map(codings.map((c) => [selectionGuid(c.id), c]));
    let found = 0;
    for (const source of project.Sources.TextSource) {
      const text = [...Buffer.from(entries[`sources/${source.guid}.txt`]).toString('utf8')];
      for (const selection of source.PlainTextSelection ?? []) {
        const coding = byGuid.get(selection.guid);
        assert.ok(coding, `selection ${selection.guid} is a coding of the study`);
        assert.equal(text.slice(Number(selection.startPosition), Number(selection.endPosition)).join(''), coding.quote);
        found++;
      }
    }
    assert.equal(found, codings.length);
  });

  it('exports the codebook as a .qdc that validates against the codebook schema', async () => {
    const file = path.join(scratch, 'codebook.qdc');
    const outcome = await vscode.commands.executeCommand<RefiExportOutcome>('gloss.exportQdc', { target: file });
    validate(file, path.join(schemas, 'Codebook.xsd'));
    const study = await Study.load(root());
    assert.equal(outcome.counts.codes, study.codebook.codes.length);
    const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', isArray: (name) => name === 'Code' });
    const names = (codes: { name: string; Code?: [] }[]): string[] => codes.flatMap((c) => [c.name, ...names(c.Code ?? [])]);
    const codebook = parser.parse(await fs.readFile(file, 'utf8')).CodeBook;
    assert.deepEqual(names(codebook.Codes.Code), study.codebook.codes.map((c) => c.name));
  });
});
