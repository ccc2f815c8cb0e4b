import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { parseCases } from '../../src/core/cases/cases';
import { Codebook } from '../../src/core/codebook/codebook';
import {
  addFrameworkRow,
  addFrameworkTheme,
  checkFramework,
  editFrameworkCell,
  evidenceNote,
  FrameworkEditError,
  frameworkCsv,
  frameworkMarkdown,
  newFrameworkText,
  parseFramework,
  suggestEvidence,
  type FrameworkMatrix,
} from '../../src/core/framework';
import type { MatrixInput } from '../../src/core/matrix';

const root = path.resolve(__dirname, '../..');
const EXAMPLE_FILE = path.join(root, 'examples/city-partnerships/matrices/impact-south.yaml');
const EXAMPLE = fs.readFileSync(EXAMPLE_FILE, 'utf8');

function parsed(text: string): FrameworkMatrix {
  const result = parseFramework(text, 'm.yaml');
  assert.ok(result.ok, JSON.stringify(result.problems));
  return result.matrix;
}

function cell(text: string, caseId: string, theme: string) {
  return parsed(text).cells.find((c) => c.case === caseId && c.theme === theme);
}

/** Lines of `after` that are not in `before` and vice versa (as multisets, in order of appearance). */
function changedLines(before: string, after: string): { removed: string[]; added: string[] } {
  const count = (lines: string[]) => lines.reduce((m, l) => m.set(l, (m.get(l) ?? 0) + 1), new Map<string, number>());
  const a = count(before.split('\n'));
  const b = count(after.split('\n'));
  const removed = [...a].flatMap(([line, n]) => Array(Math.max(0, n - (b.get(line) ?? 0))).fill(line));
  const added = [...b].flatMap(([line, n]) => Array(Math.max(0, n - (a.get(line) ?? 0))).fill(line));
  return { removed, added };
}

const commentLines = (text: string) => text.split('\n').filter((line) => line.trim().startsWith('#'));

// The poster's table, exactly: one row for the South, four themes under the poster's own titles.
const SEED = `title: Impact in the South
scale: ["++", "+", "-", "+/-"]
cases:
  - id: south
    name: South
    cases: [san-aurelio, kassoumbe, damankwa, macuvane]
themes:
  - { code: imp-urban-livability, name: Urban livability and productivity }
  - { code: imp-lg-effectiveness, name: Local government effectiveness }
  - { code: imp-lg-responsiveness, name: Local government responsiveness }
  - { code: imp-civic-society, name: Civic society and multi-sector partnerships }
cells:
  - case: south
    theme: imp-urban-livability
    rating: "++"
    summary: E.g. clinics, schools, employment creation, environmental awareness raising
  - case: south
    theme: imp-lg-effectiveness
    rating: "+"
    summary: E.g. information systems, structural plans, leadership skills, performance management
  - case: south
    theme: imp-lg-responsiveness
    rating: "-"
    summary: Difficult to enhance; beyond sphere of influence city partnerships, learning in the North
  - case: south
    theme: imp-civic-society
    rating: "+/-"
    summary: Strengthening civic society organisations and participation capacity (opportunity)
`;

const LABELS = { caseHeader: 'Case', row: (r: { id: string; name?: string }) => r.name ?? r.id, theme: (t: { code: string; name?: string }) => t.name ?? t.code };

describe('framework matrix: reading', () => {
  it('reads the example study\'s matrix without problems', () => {
    const result = parseFramework(EXAMPLE, 'matrices/impact-south.yaml');
    assert.deepEqual(result.problems, []);
    const m = result.matrix;
    assert.equal(m.title, 'Impact in the South');
    assert.deepEqual(m.scale, ['++', '+', '-', '+/-']);
    assert.deepEqual(m.rows.map((r) => r.id), ['san-aurelio', 'kassoumbe', 'damankwa', 'macuvane', 'south']);
    assert.deepEqual(m.rows[4].cases, ['san-aurelio', 'kassoumbe', 'damankwa', 'macuvane']);
    assert.deepEqual(m.themes.map((t) => t.code), ['imp-urban-livability', 'imp-lg-effectiveness', 'imp-lg-responsiveness', 'imp-civic-society']);
    assert.equal(m.cells.length, 20);
    assert.deepEqual(m.cells.filter((c) => c.case === 'south').map((c) => c.rating), ['++', '+', '-', '+/-']);
    assert.ok(m.cells.filter((c) => c.case !== 'south').every((c) => c.evidence.length > 0 && c.summary && c.rating));
  });

  it('links the example\'s evidence to codings of the right case and theme', () => {
    const m = parseFramework(EXAMPLE, 'm').matrix;
    const cases = parseCases(fs.readFileSync(path.join(root, 'examples/city-partnerships/cases.yaml'), 'utf8')).cases;
    const codings = new Map<string, { code: string; document: string }>();
    const folder = path.join(root, 'examples/city-partnerships/codings');
    for (const file of fs.readdirSync(folder, { recursive: true }) as string[]) {
      if (!file.endsWith('.jsonl')) continue;
      const document = file.split(path.sep).slice(1).join('/').replace(/\.jsonl$/, '');
      for (const line of fs.readFileSync(path.join(folder, file), 'utf8').split('\n').filter(Boolean)) {
        const coding = JSON.parse(line) as { id: string; code: string };
        codings.set(coding.id, { code: coding.code, document });
      }
    }
    for (const c of m.cells) {
      const documents = cases.cases.find((x) => x.id === c.case)?.documents.map((d) => d.path) ?? [];
      for (const id of c.evidence) {
        const coding = codings.get(id);
        assert.ok(coding, `${id} is a coding`);
        assert.equal(coding.code, c.theme, `${id} has the theme's code`);
        assert.ok(documents.includes(coding.document), `${id} is in a document of ${c.case}`);
      }
    }
  });

  it('expresses the poster\'s impact table exactly', () => {
    const m = parsed(SEED);
    assert.equal(
      frameworkMarkdown(m, LABELS),
      [
        '**Impact in the South**',
        '',
        '| Case | Urban livability and productivity | Local government effectiveness | Local government responsiveness | Civic society and multi-sector partnerships |',
        '| --- | --- | --- | --- | --- |',
        '| South | ++<br>E.g. clinics, schools, employment creation, environmental awareness raising | +<br>E.g. information systems, structural plans, leadership skills, performance management | -<br>Difficult to enhance; beyond sphere of influence city partnerships, learning in the North | +/-<br>Strengthening civic society organisations and participation capacity (opportunity) |',
        '',
      ].join('\n'),
    );
  });

  it('reports problems with their lines and keeps what it can read', () => {
    const text = `title: T
colour: red
scale: ["++", "+"]
cases: [a, b, a]
themes: [x, { name: no code }]
cells:
  - case: a
    theme: x
    rating: "-"
  - case: a
    theme: x
    rating: "+"
  - case: z
    theme: x
  - theme: x
  - case: b
    theme: x
    evidence: not-a-list
    unknown: 1
`;
    const result = parseFramework(text, 'm.yaml');
    assert.ok(result.ok);
    const problems = result.problems.map((p) => `${p.line} ${p.severity} ${p.message}`);
    assert.deepEqual(problems, [
      '2 warning Unknown key "colour" is ignored.',
      '4 error Row "a" is listed twice; the first is used.',
      '5 error A theme needs a "code": the id of a code in the codebook.',
      '9 warning Rating "-" is not on the matrix\'s scale (++, +).',
      '10 error A second cell for case "a" and theme "x"; the first is used.',
      '13 warning Case "z" is not one of the matrix\'s "cases".',
      '15 error A cell needs a "case" and a "theme".',
      '19 warning Unknown key "unknown" in a cell is ignored.',
      '18 warning "evidence" should be a list of coding ids.',
    ]);
    assert.deepEqual(result.matrix.cells.map((c) => [c.case, c.rating]), [['a', '-'], ['z', undefined], ['b', undefined]]);
  });

  it('refuses a file that is not YAML or not a map', () => {
    const broken = parseFramework('cases: [a\ncells:\n', 'm.yaml');
    assert.equal(broken.ok, false);
    assert.equal(broken.problems[0].severity, 'error');
    assert.ok(broken.problems[0].line);
    assert.equal(parseFramework('- a\n- b\n', 'm.yaml').ok, false);
    assert.ok(parseFramework('', 'm.yaml').ok);
    assert.throws(() => editFrameworkCell('cases: [a\n', 'a', 'x', { rating: '+' }), FrameworkEditError);
  });

  it('checks references to cases, codes and codings of the study', () => {
    const m = parsed(`cases: [a, { id: g, cases: [a, q] }, nope]\nthemes: [x, y]\ncells:\n  - case: a\n    theme: x\n    evidence: [c1, c9]\n`);
    const problems = checkFramework(m, { caseIds: new Set(['a']), codeIds: new Set(['x']), codingIds: new Set(['c1']) }, 'm.yaml');
    assert.deepEqual(problems.map((p) => `${p.line} ${p.message}`), [
      '1 Group "g" names "q", which is not a case in cases.yaml.',
      '1 "nope" is not a case in cases.yaml.',
      '2 Theme "y" is not a code in codebook.yaml.',
      '4 Evidence "c9" of a / x is not a coding of the study (removed, or on another branch).',
    ]);
  });
});

describe('framework matrix: editing a cell', () => {
  it('changes a rating on its own line only, keeping the quoting and every comment', () => {
    const after = editFrameworkCell(EXAMPLE, 'kassoumbe', 'imp-civic-society', { rating: '+' });
    assert.deepEqual(changedLines(EXAMPLE, after), { removed: ['    rating: "+/-"'], added: ['    rating: "+"'] });
    assert.equal(cell(after, 'kassoumbe', 'imp-civic-society')?.rating, '+');
  });

  it('writes a multi-line summary as a block, and a one-line one in place of a block', () => {
    const multi = editFrameworkCell(EXAMPLE, 'damankwa', 'imp-urban-livability', { summary: 'First line: with a colon.\nSecond line.' });
    assert.equal(cell(multi, 'damankwa', 'imp-urban-livability')?.summary, 'First line: with a colon.\nSecond line.');
    assert.match(multi, /\n {4}summary: \|-\n {6}First line: with a colon\.\n {6}Second line\.\n {4}evidence:/);
    const single = editFrameworkCell(EXAMPLE, 'san-aurelio', 'imp-lg-responsiveness', { summary: 'Now short.' });
    assert.deepEqual(changedLines(EXAMPLE, single).added, ['    summary: Now short.']);
    assert.equal(changedLines(EXAMPLE, single).removed.length, 3);
  });

  it('adds and removes evidence one line each, keeping the notes of the others', () => {
    const before = cell(EXAMPLE, 'macuvane', 'imp-lg-responsiveness')!.evidence;
    const after = editFrameworkCell(EXAMPLE, 'macuvane', 'imp-lg-responsiveness', {
      evidence: [{ id: before[0] }, { id: before[2] }, { id: '9685d241-8f41-4e0b-9cf3-7dab6a30f1fe', note: '"Bom dia Mamã Amélia 🙏🏾 A obra da vala do bairro da Conceição arranca na segunda-feira"' }],
    });
    const changes = changedLines(EXAMPLE, after);
    assert.equal(changes.removed.length, 1);
    assert.match(changes.removed[0], /^ {6}- 21e1f995-3dbe-4f02-ab78-7d878d2f0b4d {2}# Ouvir/);
    assert.equal(changes.added.length, 1);
    assert.equal(changes.added[0], '      - 9685d241-8f41-4e0b-9cf3-7dab6a30f1fe  # "Bom dia Mamã Amélia 🙏🏾 A obra da vala do bairro da Conceiç…');
    assert.deepEqual(cell(after, 'macuvane', 'imp-lg-responsiveness')!.evidence, [before[0], before[2], '9685d241-8f41-4e0b-9cf3-7dab6a30f1fe']);
  });

  it('removes a part, and a cell left empty, but never comments', () => {
    const noRating = editFrameworkCell(EXAMPLE, 'south', 'imp-civic-society', { rating: null });
    assert.deepEqual(changedLines(EXAMPLE, noRating), { removed: ['    rating: "+/-"'], added: [] });
    const empty = editFrameworkCell(EXAMPLE, 'south', 'imp-civic-society', { rating: null, summary: null });
    assert.equal(cell(empty, 'south', 'imp-civic-society'), undefined);
    assert.deepEqual(changedLines(EXAMPLE, empty).added, []);
    assert.equal(changedLines(EXAMPLE, empty).removed.length, 4);
    // A cell with a comment inside stays (with its case and theme), so the comment is not lost.
    const commented = EXAMPLE.replace('    theme: imp-civic-society\n    rating: "+/-"\n    summary: Strengthening', '    theme: imp-civic-society\n    # the poster says "opportunity"\n    rating: "+/-"\n    summary: Strengthening');
    const kept = editFrameworkCell(commented, 'south', 'imp-civic-society', { rating: null, summary: null });
    assert.ok(kept.includes('    # the poster says "opportunity"'));
    assert.deepEqual(cell(kept, 'south', 'imp-civic-society'), { case: 'south', theme: 'imp-civic-society', evidence: [], line: cell(kept, 'south', 'imp-civic-society')!.line });
  });

  it('removing the evidence after a summary written as a block keeps the summary as it was and the comments in the list', () => {
    const text = 'cases: [a]\nthemes: [x]\ncells:\n  - case: a\n    theme: x\n    summary: |\n      Line one.\n    evidence:\n      # from the first interview\n      - c1\n';
    const after = editFrameworkCell(text, 'a', 'x', { evidence: [] });
    assert.equal(after, 'cases: [a]\nthemes: [x]\ncells:\n  - case: a\n    theme: x\n    summary: |\n      Line one.\n    # from the first interview\n');
    assert.equal(cell(after, 'a', 'x')!.summary, 'Line one.\n');
  });

  it('adds a new cell among its case\'s cells, in theme order, or as a new group after the last', () => {
    const without = editFrameworkCell(EXAMPLE, 'kassoumbe', 'imp-lg-effectiveness', { rating: null, summary: null, evidence: [] });
    const readded = editFrameworkCell(without, 'kassoumbe', 'imp-lg-effectiveness', { rating: '++', summary: 'Back.', evidence: [{ id: 'x1', note: 'note' }] });
    const lines = readded.split('\n');
    const at = lines.findIndex((l, i) => l === '  - case: kassoumbe' && lines[i + 1] === '    theme: imp-lg-effectiveness');
    assert.deepEqual(lines.slice(at - 2, at + 7), [
      '    evidence:',
      '      - 43b75a1a-2a22-488e-bd8d-8d2b58d6a0e5  # Et sans acte de naissance, un enfant ne peut pas passer l\'…',
      '  - case: kassoumbe',
      '    theme: imp-lg-effectiveness',
      '    rating: "++"',
      '    summary: Back.',
      '    evidence:',
      '      - x1  # note',
      '  - case: kassoumbe',
    ]);
    // A row with no cells yet gets its first cell after the other rows' cells, set apart by a blank line as the file does.
    const withRow = addFrameworkRow(EXAMPLE, { id: 'velden' });
    const added = editFrameworkCell(withRow, 'velden', 'imp-civic-society', { rating: '-' });
    assert.ok(added.endsWith('    summary: Strengthening civic society organisations and participation capacity (opportunity)\n\n  - case: velden\n    theme: imp-civic-society\n    rating: "-"\n'));
  });

  it('creates the list of cells when the file has none, and rewrites a cell written in braces', () => {
    const fresh = newFrameworkText({ title: 'Organisation: North and South', rows: [{ id: 'velden' }, { id: 'san-aurelio' }], themes: [{ code: 'org-policy' }, { code: 'org-resources' }] });
    assert.deepEqual(parseFramework(fresh, 'm').problems, []);
    const one = editFrameworkCell(fresh, 'san-aurelio', 'org-policy', { summary: 'later row' });
    const two = editFrameworkCell(one, 'velden', 'org-resources', { rating: '+' });
    const three = editFrameworkCell(two, 'velden', 'org-policy', { rating: '-' });
    assert.deepEqual(parsed(three).cells.map((c) => `${c.case}/${c.theme}`), ['velden/org-policy', 'velden/org-resources', 'san-aurelio/org-policy']);
    const bare = 'cases: [a]\nthemes: [x]\n';
    assert.deepEqual(parsed(editFrameworkCell(bare, 'a', 'x', { rating: '+' })).cells.map((c) => c.rating), ['+']);
    const emptyList = 'cases: [a]\nthemes: [x]\ncells: []  # none yet\n';
    const filled = editFrameworkCell(emptyList, 'a', 'x', { rating: '+' });
    assert.equal(filled, 'cases: [a]\nthemes: [x]\ncells:  # none yet\n  - case: a\n    theme: x\n    rating: "+"\n');
    const braces = 'cases: [a]\nthemes: [x]\ncells:\n  - { case: a, theme: x, rating: "-", evidence: [c1] }  # keep me\n';
    const rewritten = editFrameworkCell(braces, 'a', 'x', { summary: 'S' });
    assert.equal(rewritten, 'cases: [a]\nthemes: [x]\ncells:\n  - case: a  # keep me\n    theme: x\n    rating: "-"\n    summary: S\n    evidence:\n      - c1\n');
  });

  it('leaves the file as it is when nothing changes', () => {
    assert.equal(editFrameworkCell(EXAMPLE, 'kassoumbe', 'imp-civic-society', { rating: '+/-' }), EXAMPLE);
    assert.equal(editFrameworkCell(EXAMPLE, 'velden', 'imp-civic-society', { rating: null }), EXAMPLE);
  });

  it('keeps every other cell and every comment through random sequences of edits', () => {
    const rows = ['san-aurelio', 'kassoumbe', 'damankwa', 'macuvane', 'south'];
    const themes = ['imp-urban-livability', 'imp-lg-effectiveness', 'imp-lg-responsiveness', 'imp-civic-society'];
    const text = fc.oneof(fc.constant(null), fc.string({ maxLength: 20 }), fc.constantFrom('a: b # c', 'line one\nline two', '"quoted"', "it's", '- dash', '  spaced ', 'yes', '0x1F', 'ümlaut 😀'));
    const edit = fc.record({
      row: fc.constantFrom(...rows),
      theme: fc.constantFrom(...themes),
      rating: fc.option(fc.oneof(fc.constant(null), fc.constantFrom('++', '+', '-', '+/-')), { nil: undefined }),
      summary: fc.option(text, { nil: undefined }),
      evidence: fc.option(fc.array(fc.constantFrom<string>('e1', 'e2', '253c345c-f9e8-4a61-bb71-93b953fcc8cb', 'fe17914a-ba4c-4e9b-9145-e5c5d0fc4051'), { maxLength: 3 }), { nil: undefined }),
    });
    const comments = commentLines(EXAMPLE);
    fc.assert(
      fc.property(fc.array(edit, { minLength: 1, maxLength: 6 }), (edits) => {
        let current = EXAMPLE;
        for (const e of edits) {
          const before = parsed(current);
          const next = editFrameworkCell(current, e.row, e.theme, {
            ...(e.rating === undefined ? {} : { rating: e.rating }),
            ...(e.summary === undefined ? {} : { summary: e.summary }),
            ...(e.evidence === undefined ? {} : { evidence: e.evidence.map((id) => ({ id, note: `note ${id}` })) }),
          });
          const after = parsed(next);
          const strip = (m: FrameworkMatrix) => m.cells.filter((c) => c.case !== e.row || c.theme !== e.theme).map(({ line: _line, ...c }) => c);
          assert.deepEqual(strip(after), strip(before), 'other cells unchanged');
          const edited = after.cells.find((c) => c.case === e.row && c.theme === e.theme);
          const old = before.cells.find((c) => c.case === e.row && c.theme === e.theme);
          const want = {
            rating: e.rating === undefined ? old?.rating : (e.rating ?? undefined),
            summary: e.summary === undefined ? old?.summary : e.summary || undefined,
            evidence: e.evidence === undefined ? (old?.evidence ?? []) : [...new Set([...(old?.evidence ?? []).filter((id) => e.evidence!.includes(id)), ...e.evidence])],
          };
          assert.equal(edited?.rating, want.rating);
          assert.equal(edited?.summary?.replace(/\n$/, ''), want.summary?.replace(/\n$/, ''));
          assert.deepEqual(edited?.evidence ?? [], want.evidence);
          assert.deepEqual([after.title, after.scale, after.rows, after.themes], [before.title, before.scale, before.rows, before.themes]);
          current = next;
        }
        for (const comment of comments) assert.ok(current.includes(comment), comment);
      }),
      // Each run parses the 170-line file a dozen times (about 20 ms each): 60 runs keep the suite quick.
      { numRuns: 60 },
    );
  });
});

describe('framework matrix: rows, themes, new files, export, suggestions', () => {
  it('adds a row or a theme at the end of its list, block or flow', () => {
    const row = addFrameworkRow(EXAMPLE, { id: 'velden' });
    assert.deepEqual(changedLines(EXAMPLE, row), { removed: [], added: ['  - velden'] });
    assert.deepEqual(parsed(row).rows.map((r) => r.id).slice(-2), ['south', 'velden']);
    const group = addFrameworkRow(EXAMPLE, { id: 'north', name: 'North', cases: ['velden', 'brakelmonde'] });
    assert.deepEqual(parsed(group).rows.at(-1), { id: 'north', name: 'North', cases: ['velden', 'brakelmonde'], line: 18 });
    const theme = addFrameworkTheme(EXAMPLE, { code: 'impact', name: 'Impact overall' });
    assert.deepEqual(parsed(theme).themes.at(-1), { code: 'impact', name: 'Impact overall', line: 27 });
    const flow = addFrameworkTheme('cases: [a]\nthemes: [x, y]  # two\n', { code: 'z' });
    assert.equal(flow, 'cases: [a]\nthemes: [x, y, z]  # two\n');
    assert.equal(addFrameworkTheme('cases: [a]\nthemes: []\n', { code: 'z' }), 'cases: [a]\nthemes: [z]\n');
    assert.equal(addFrameworkRow('themes: [x]\ncells:\n', { id: 'a' }), 'themes: [x]\ncases:\n  - a\ncells:\n');
    assert.throws(() => addFrameworkRow(EXAMPLE, { id: 'south' }), FrameworkEditError);
  });

  it('writes new files that read back as written', () => {
    const text = newFrameworkText({ title: 'T: with colon', description: 'D', scale: ['high', 'low'], rows: [{ id: 'a' }, { id: 'g', name: 'Group', cases: ['a', 'b'] }], themes: [{ code: 'x' }, { code: 'y', name: 'Why' }] });
    const m = parsed(text);
    assert.deepEqual(m, {
      title: 'T: with colon',
      description: 'D',
      scale: ['high', 'low'],
      rows: [{ id: 'a', line: 7 }, { id: 'g', name: 'Group', cases: ['a', 'b'], line: 8 }],
      themes: [{ code: 'x', line: 12 }, { code: 'y', name: 'Why', line: 13 }],
      cells: [],
    });
  });

  it('exports CSV in long form, one line per case and theme', () => {
    const text = frameworkCsv(parsed(SEED), LABELS);
    const lines = text.split('\r\n');
    assert.equal(lines[0], 'case_id,case,theme_id,theme,rating,summary,evidence');
    assert.equal(lines[1], 'south,South,imp-urban-livability,Urban livability and productivity,++,"E.g. clinics, schools, employment creation, environmental awareness raising",');
    assert.equal(lines.length, 6);
  });

  it('shortens evidence notes to one line', () => {
    assert.equal(evidenceNote('  two\nlines  '), 'two lines');
    assert.equal([...evidenceNote('x'.repeat(100))].length, 60);
    assert.ok(evidenceNote('x'.repeat(100)).endsWith('…'));
  });

  it('suggests the segments of the row\'s cases with the theme or a code below it', () => {
    const codebook = new Codebook([{ id: 't', name: 'T' }, { id: 't1', name: 'T1', parentId: 't' }, { id: 'o', name: 'O' }]);
    const cases = parseCases('cases:\n  - id: a\n    documents: [a.txt]\n  - id: b\n    documents: [b.txt]\n').cases;
    const seg = (id: string, code: string) => ({ id, code, coder: 'Ann', start: 0, end: 1 });
    const input: MatrixInput = {
      codebook,
      cases,
      documents: [
        { path: 'a.txt', text: 'x', length: 1, segments: [seg('1', 't'), seg('2', 't1'), seg('3', 'o')], orphans: [] },
        { path: 'b.txt', text: 'x', length: 1, segments: [seg('4', 't')], orphans: [] },
      ],
    };
    assert.deepEqual(suggestEvidence(input, { id: 'a' }, 't').map((s) => s.segment.id), ['1', '2']);
    assert.deepEqual(suggestEvidence(input, { id: 'a' }, 't', new Set(['1'])).map((s) => s.segment.id), ['2']);
    assert.deepEqual(suggestEvidence(input, { id: 'g', cases: ['a', 'b'] }, 't').map((s) => s.segment.id), ['1', '2', '4']);
  });
});
