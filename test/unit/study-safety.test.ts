// Issue 9, points 1, 2, 5 and 13: nothing is read or written through a symlink or outside the
// study, files that are not UTF-8 are reported and never rewritten, and temporary files of
// interrupted writes are removed on load. Real temporary folders and real symlinks.
import { strict as assert } from 'node:assert';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseCases } from '../../src/core/cases/cases';
import { formatCodingsFile } from '../../src/core/codings/format';
import type { Coding } from '../../src/core/model';
import { Study } from '../../src/core/study/study';
import { NEW_STUDY_FILES, newStudyFileText } from '../../src/core/study/template';
import { isTemporaryFileName } from '../../src/core/storage/files';
import { addCode } from '../../src/core/codebook/edit';
import { readStudyFile, removeStudyFile, studyPathProblem, writeStudyFile } from '../../src/core/storage/study-files';
import { readTranscript, transcriptTextProblem } from '../../src/core/text/transcript-text';

function coding(id: string): Coding {
  return {
    id,
    code: 'policy',
    start: 0,
    end: 5,
    quote: 'Hello',
    prefix: '',
    suffix: ' world',
    version: 'v1',
    coder: 'Marike',
    created: '2026-01-01T00:00:00.000Z',
  };
}

const CODEBOOK = 'codes:\n  - id: policy\n    name: Policy\n';

describe('study file safety', () => {
  let base: string;
  let root: string;
  let outside: string;
  beforeEach(async () => {
    base = await fs.mkdtemp(path.join(os.tmpdir(), 'gloss-safety-'));
    root = path.join(base, 'study');
    outside = path.join(base, 'outside');
    await fs.mkdir(path.join(root, 'codings'), { recursive: true });
    await fs.mkdir(outside, { recursive: true });
    await fs.writeFile(path.join(root, 'codebook.yaml'), CODEBOOK);
  });
  afterEach(async () => {
    await fs.rm(base, { recursive: true, force: true });
  });

  describe('symlinks (point 1)', () => {
    it('reports a coder folder that is a symlink and never writes through it', async () => {
      const three = formatCodingsFile([coding('1'), coding('2'), coding('3')]);
      await fs.writeFile(path.join(outside, 'a.txt.jsonl'), three);
      await fs.symlink(outside, path.join(root, 'codings', 'marike'), 'dir');
      const study = await Study.load(root);
      assert.ok(
        study.problems.some((p) => p.file === 'codings/marike' && /symbolic link/.test(p.message)),
        JSON.stringify(study.problems),
      );
      await assert.rejects(study.updateCodings('Marike', 'a.txt', (current) => [...current, coding('4')]), /symbolic link/);
      assert.equal(await fs.readFile(path.join(outside, 'a.txt.jsonl'), 'utf8'), three);
    });

    it('reports a codings folder that is a symlink', async () => {
      await fs.rm(path.join(root, 'codings'), { recursive: true });
      await fs.symlink(outside, path.join(root, 'codings'), 'dir');
      const study = await Study.load(root);
      assert.ok(study.problems.some((p) => p.file === 'codings' && /symbolic link/.test(p.message)), JSON.stringify(study.problems));
      await assert.rejects(study.updateCodings('Marike', 'a.txt', (current) => [...current, coding('4')]), /symbolic link/);
      assert.deepEqual(await fs.readdir(outside), []);
    });

    it('does not replace a codings file that is a symlink with a regular file', async () => {
      const target = path.join(outside, 'real.jsonl');
      await fs.writeFile(target, formatCodingsFile([coding('1')]));
      await fs.mkdir(path.join(root, 'codings', 'marike'));
      const link = path.join(root, 'codings', 'marike', 'a.txt.jsonl');
      await fs.symlink(target, link);
      const study = await Study.load(root);
      assert.ok(study.problems.some((p) => p.file === 'codings/marike/a.txt.jsonl' && /symbolic link/.test(p.message)));
      assert.deepEqual(study.codingsOf('a.txt'), []);
      await assert.rejects(study.updateCodings('Marike', 'a.txt', (current) => [...current, coding('4')]), /symbolic link/);
      assert.ok((await fs.lstat(link)).isSymbolicLink());
      assert.equal(await fs.readFile(target, 'utf8'), formatCodingsFile([coding('1')]));
    });

    it('does not replace a codebook.yaml that is a symlink, and does not read it', async () => {
      const target = path.join(outside, 'codebook.yaml');
      await fs.writeFile(target, CODEBOOK);
      await fs.rm(path.join(root, 'codebook.yaml'));
      await fs.symlink(target, path.join(root, 'codebook.yaml'));
      const study = await Study.load(root);
      assert.equal(study.codebook.size, 0);
      assert.equal(study.codebookWritable, false);
      assert.ok(study.problems.some((p) => p.file === 'codebook.yaml' && /symbolic link/.test(p.message)));
      await assert.rejects(study.editCodebook((text) => addCode(text, { id: 'new', name: 'New' }, undefined)));
      assert.ok((await fs.lstat(path.join(root, 'codebook.yaml'))).isSymbolicLink());
      assert.equal(await fs.readFile(target, 'utf8'), CODEBOOK);
    });
  });

  it('writes, reads and removes a study file in folders it creates', async () => {
    assert.equal(await writeStudyFile(root, 'memos/documents/t/a.txt.md', '# a\n'), true);
    assert.equal(await readStudyFile(root, 'memos/documents/t/a.txt.md'), '# a\n');
    await removeStudyFile(root, 'memos/documents/t/a.txt.md');
    assert.equal(await readStudyFile(root, 'memos/documents/t/a.txt.md'), undefined);
  });

  describe('paths that leave the study (point 2)', () => {
    it('cases.yaml: a document path that leaves the study is a problem, not a document', () => {
      const { cases, problems } = parseCases(
        'cases:\n  - id: a\n    documents:\n      - ../../etc/passwd\n      - /etc/passwd\n      - t\\..\\x.txt\n      - transcripts/ok.txt\n',
      );
      assert.deepEqual(cases.cases[0].documents.map((d) => d.path), ['transcripts/ok.txt']);
      assert.deepEqual(problems.map((p) => p.line), [4, 5, 6]);
      assert.ok(problems.every((p) => p.severity === 'error' && /inside the study/.test(p.message)), JSON.stringify(problems));
    });

    it('accepts only relative paths without "..", "." or empty parts, backslashes or NUL', () => {
      for (const bad of ['', '/etc/passwd', 'C:/x', '../x', 'a/../../x', 'a//b', './a', 'a\\b', 'a\0b', 'a/..']) {
        assert.notEqual(studyPathProblem(bad), undefined, JSON.stringify(bad));
      }
      for (const good of ['a.txt', 'transcripts/x/a b.txt', '..a/b..', 'é/ü.txt']) assert.equal(studyPathProblem(good), undefined, good);
    });

    it('refuses to write codings for a document path that leaves the study', async () => {
      const study = await Study.load(root);
      await assert.rejects(study.updateCodings('Marike', '../../../escape.txt', (current) => [...current, coding('1')]), /inside the study/);
      assert.deepEqual(await fs.readdir(base), ['outside', 'study']);
    });
  });

  describe('files that are not UTF-8 (point 5)', () => {
    it('reports a Latin-1 codebook with the line of the first bad byte and never rewrites it', async () => {
      const latin1 = Buffer.concat([Buffer.from(CODEBOOK + '  - id: size\n    name: Gr'), Buffer.from([0xf6, 0xdf]), Buffer.from('e\n')]);
      await fs.writeFile(path.join(root, 'codebook.yaml'), latin1);
      const study = await Study.load(root);
      const problem = study.problems.find((p) => p.file === 'codebook.yaml');
      assert.ok(problem && /UTF-8/.test(problem.message), JSON.stringify(study.problems));
      assert.equal(problem.line, 5);
      assert.equal(study.codebookWritable, false);
      await assert.rejects(study.editCodebook((text) => addCode(text, { id: 'new', name: 'New' }, undefined)));
      assert.deepEqual(await fs.readFile(path.join(root, 'codebook.yaml')), latin1);
    });

    it('reports a codings file that is not UTF-8 and never rewrites it', async () => {
      await fs.mkdir(path.join(root, 'codings', 'marike'));
      const file = path.join(root, 'codings', 'marike', 'a.txt.jsonl');
      const bytes = Buffer.concat([Buffer.from(formatCodingsFile([coding('1')])), Buffer.from([0xff, 0x0a])]);
      await fs.writeFile(file, bytes);
      const study = await Study.load(root);
      const problem = study.problems.find((p) => p.file === 'codings/marike/a.txt.jsonl');
      assert.ok(problem && /UTF-8/.test(problem.message) && problem.line === 2, JSON.stringify(study.problems));
      await assert.rejects(study.updateCodings('Marike', 'a.txt', (current) => [...current, coding('2')]), /UTF-8/);
      assert.deepEqual(await fs.readFile(file), bytes);
    });
  });

  describe('Workspace Trust (point 12)', () => {
    it('ignores the workspace value of gloss.studyFolder in Restricted Mode', async () => {
      const manifest = JSON.parse(await fs.readFile(path.join(__dirname, '..', '..', 'package.json'), 'utf8')) as {
        capabilities: { untrustedWorkspaces: { supported: unknown; restrictedConfigurations?: string[] } };
      };
      assert.equal(manifest.capabilities.untrustedWorkspaces.supported, 'limited');
      assert.deepEqual(manifest.capabilities.untrustedWorkspaces.restrictedConfigurations, ['gloss.studyFolder']);
    });
  });

  describe('temporary files (point 13)', () => {
    it('removes temporary files of interrupted writes on load, keeping recent ones and everything else', async () => {
      const old = new Date(Date.now() - 3600_000);
      const leftovers = [
        path.join(root, '.codebook.yaml.0123456789ab.gloss-tmp'),
        path.join(root, 'codings', 'marike', '.a.txt.jsonl.0123456789ab.gloss-tmp'),
        path.join(root, 'memos', '.project.md.a1b2c3d4e5f6.tmp'),
      ];
      const kept = [
        path.join(root, 'codings', 'marike', '.b.txt.jsonl.aaaaaaaaaaaa.gloss-tmp'),
        path.join(root, 'transcripts', 'notes.tmp'),
        path.join(root, 'memos', 'draft.gloss-tmp.md'),
      ];
      for (const file of [...leftovers, ...kept]) {
        await fs.mkdir(path.dirname(file), { recursive: true });
        await fs.writeFile(file, 'partial');
      }
      for (const file of [...leftovers, ...kept.slice(1)]) await fs.utimes(file, old, old);
      await Study.load(root);
      for (const file of leftovers) await assert.rejects(fs.access(file), /ENOENT/, file);
      for (const file of kept) await fs.access(file);
    });

    it('a new study ignores temporary files in Git, also when it already has a .gitignore', () => {
      assert.match(NEW_STUDY_FILES['.gitignore'] ?? '', /^\*\.gloss-tmp$/m);
      assert.equal(newStudyFileText('.gitignore', undefined), NEW_STUDY_FILES['.gitignore']);
      assert.match(NEW_STUDY_FILES['.gitignore'] ?? '', /^\*\.gloss-lock$/m);
      assert.equal(newStudyFileText('.gitignore', 'node_modules/'), 'node_modules/\n*.gloss-tmp\n*.gloss-lock\n');
      assert.equal(newStudyFileText('.gitignore', 'out/\r\n*.gloss-tmp\r\n'), 'out/\r\n*.gloss-tmp\r\n*.gloss-lock\n');
      assert.equal(newStudyFileText('.gitignore', 'out/\r\n*.gloss-tmp\r\n*.gloss-lock\r\n'), undefined);
      assert.equal(newStudyFileText('codebook.yaml', 'codes: []\n'), undefined);
    });

    it('names temporary files so that they are recognised', () => {
      assert.equal(isTemporaryFileName('.codebook.yaml.0a1b2c3d4e5f.gloss-tmp'), true);
      assert.equal(isTemporaryFileName('.a.txt.jsonl.0a1b2c3d4e5f.tmp'), true);
      assert.equal(isTemporaryFileName('notes.tmp'), false);
      assert.equal(isTemporaryFileName('.a.txt.jsonl.0a1b2c3d4e5.gloss-tmp'), false);
    });
  });
});

describe('transcripts the core and the editor would read differently (point 5)', () => {
  let root: string;
  beforeEach(async () => {
    root = await fs.mkdtemp(path.join(os.tmpdir(), 'gloss-transcripts-'));
  });
  afterEach(async () => {
    await fs.rm(root, { recursive: true, force: true });
  });

  async function read(bytes: Buffer): Promise<Awaited<ReturnType<typeof readTranscript>>> {
    await fs.writeFile(path.join(root, 't.txt'), bytes);
    return readTranscript(root, 't.txt');
  }

  it('reads UTF-8 with or without one BOM as the editor shows it', async () => {
    assert.deepEqual(await read(Buffer.from('A: hello\r\nB: hi\n')), { text: 'A: hello\r\nB: hi\n' });
    assert.deepEqual(await read(Buffer.from('\uFEFFA: hello\n')), { text: 'A: hello\n' });
    assert.deepEqual(await readTranscript(root, 'missing.txt'), { text: undefined });
  });

  for (const [name, bytes, line, reason] of [
    ['UTF-16 LE with a BOM', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('A: hello\n', 'utf16le')]), 1, /UTF-16/],
    ['UTF-16 BE with a BOM', Buffer.from([0xfe, 0xff, 0x00, 0x41]), 1, /UTF-16/],
    ['two leading BOMs', Buffer.from('\uFEFF\uFEFFA: hello\n'), 1, /two byte order marks/],
    ['a line separator', Buffer.from('A: hello\nB: one\u2028two\n'), 2, /U\+2028/],
    ['a paragraph separator', Buffer.from('A\r\nB\r\nC\u2029\n'), 3, /U\+2029/],
    ['a NEL', Buffer.from('A\n\u0085B\n'), 2, /U\+0085/],
    ['Windows-1252', Buffer.from([0x41, 0x0a, 0x42, 0x0a, 0x47, 0x72, 0xf6, 0xdf, 0x65, 0x0a]), 3, /not UTF-8/],
  ] as const) {
    it(`reports a transcript with ${name} as unsupported, with its line`, async () => {
      const result = await read(bytes);
      assert.ok('problem' in result, JSON.stringify(result));
      assert.equal(result.problem.file, 't.txt');
      assert.equal(result.problem.line, line);
      assert.match(result.problem.message, reason);
    });
  }

  it('reports the editor text of a transcript holding a second BOM or a separator', () => {
    assert.equal(transcriptTextProblem('t.txt', 'A: hello\n'), undefined);
    assert.equal(transcriptTextProblem('t.txt', '\uFEFFA')?.line, 1);
    assert.equal(transcriptTextProblem('t.txt', 'A\nB\u2028')?.line, 2);
  });

  it('does not read a transcript through a symlink', async () => {
    const outside = await fs.mkdtemp(path.join(os.tmpdir(), 'gloss-outside-'));
    try {
      await fs.writeFile(path.join(outside, 'secret.txt'), 'secret\n');
      await fs.symlink(path.join(outside, 'secret.txt'), path.join(root, 't.txt'));
      const result = await readTranscript(root, 't.txt');
      assert.ok('problem' in result && /symbolic link/.test(result.problem.message), JSON.stringify(result));
      const escaping = await readTranscript(root, '../' + path.basename(outside) + '/secret.txt');
      assert.ok('problem' in escaping && /inside the study/.test(escaping.problem.message), JSON.stringify(escaping));
    } finally {
      await fs.rm(outside, { recursive: true, force: true });
    }
  });
});
