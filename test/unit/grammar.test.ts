import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as oniguruma from 'vscode-oniguruma';
import * as vsctm from 'vscode-textmate';

// Token tests for syntaxes/transcript.tmLanguage.json, in the spirit of VS Code's colorize tests:
// test/unit/fixtures/grammar/<name>.txt holds sample lines, <name>.tokens.json the expected
// [text, scopes] pairs per line (scopes without the root `text.transcript`, '' for plain text).
// After an intended grammar change, regenerate the expectations and review the diff:
//   GLOSS_UPDATE_GRAMMAR_FIXTURES=1 npx mocha --config .mocharc.unit.json test/unit/grammar.test.ts

const root = path.resolve(__dirname, '../..');
const grammarPath = path.join(root, 'syntaxes/transcript.tmLanguage.json');
const configurationPath = path.join(root, 'syntaxes/transcript.language-configuration.json');
const fixtureDir = path.join(__dirname, 'fixtures/grammar');
const examplesDir = path.join(root, 'examples/city-partnerships/transcripts');
const updateFixtures = process.env.GLOSS_UPDATE_GRAMMAR_FIXTURES === '1';

const SCOPE = {
  speaker: 'entity.name.tag.speaker.transcript',
  separator: 'punctuation.separator.speaker.transcript',
  timestamp: 'constant.numeric.timestamp.transcript',
  annotation: 'comment.block.annotation.transcript',
  comment: 'comment.line.number-sign.transcript',
};

type Token = [text: string, scopes: string];

let grammar: vsctm.IGrammar;

/** Tokenises lines as VS Code does (one line at a time, carrying the rule stack). */
function tokenize(lines: readonly string[]): Token[][] {
  let state = vsctm.INITIAL;
  return lines.map((line) => {
    const result = grammar.tokenizeLine(line, state);
    state = result.ruleStack;
    return result.tokens.map((token): Token => [
      line.slice(token.startIndex, token.endIndex),
      token.scopes.filter((scope) => scope !== 'text.transcript').join(' '),
    ]);
  });
}

function tokenizeLine(line: string): Token[] {
  return tokenize([line])[0];
}

/** The texts of the tokens whose scopes include `scope` (adjacent tokens merged). */
function textsWith(line: string, scope: string): string[] {
  const texts: string[] = [];
  let previousMatched = false;
  for (const [text, scopes] of tokenizeLine(line)) {
    const matched = scopes.split(' ').includes(scope);
    if (matched && previousMatched) {
      texts[texts.length - 1] += text;
    } else if (matched) {
      texts.push(text);
    }
    previousMatched = matched;
  }
  return texts;
}

function readLines(file: string): string[] {
  const lines = fs.readFileSync(file, 'utf8').replace(/^\uFEFF/, '').split(/\r?\n/);
  if (lines.length > 0 && lines[lines.length - 1] === '') {
    lines.pop();
  }
  return lines;
}

function listTxt(folder: string): string[] {
  return fs
    .readdirSync(folder, { withFileTypes: true })
    .flatMap((entry) => {
      const full = path.join(folder, entry.name);
      if (entry.isDirectory()) {
        return listTxt(full);
      }
      return entry.isFile() && entry.name.endsWith('.txt') ? [full] : [];
    })
    .sort();
}

function formatTokens(lines: Token[][]): string {
  return `[\n${lines.map((tokens) => `  ${JSON.stringify(tokens)}`).join(',\n')}\n]\n`;
}

describe('transcript grammar', () => {
  before(async () => {
    const wasm = fs.readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm'));
    await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
    const registry = new vsctm.Registry({
      onigLib: Promise.resolve({
        createOnigScanner: (patterns: string[]) => new oniguruma.OnigScanner(patterns),
        createOnigString: (text: string) => new oniguruma.OnigString(text),
      }),
      loadGrammar: async (scopeName: string) =>
        scopeName === 'text.transcript' ? vsctm.parseRawGrammar(fs.readFileSync(grammarPath, 'utf8'), grammarPath) : null,
    });
    const loaded = await registry.loadGrammar('text.transcript');
    assert.ok(loaded, 'the transcript grammar loads');
    grammar = loaded;
  });

  describe('fixtures (expected tokens)', () => {
    const fixtures = fs.readdirSync(fixtureDir).filter((name) => name.endsWith('.txt')).sort();

    it('has fixtures', () => {
      assert.deepEqual(fixtures, ['constructs.txt', 'languages.txt', 'negatives.txt']);
    });

    for (const name of fixtures) {
      it(`tokenises ${name} as expected`, () => {
        const actual = tokenize(readLines(path.join(fixtureDir, name)));
        const expectedFile = path.join(fixtureDir, name.replace(/\.txt$/, '.tokens.json'));
        if (updateFixtures) {
          fs.writeFileSync(expectedFile, formatTokens(actual));
        }
        const expected = JSON.parse(fs.readFileSync(expectedFile, 'utf8')) as Token[][];
        assert.deepEqual(actual, expected);
      });
    }
  });

  describe('speaker labels', () => {
    const speakers: Array<[line: string, speaker: string]> = [
      ['I: Merci de me recevoir.', 'I'],
      ['R: Depuis 2009.', 'R'],
      ['Interviewer: Dank u voor uw tijd.', 'Interviewer'],
      ['Schepen: Ja, allee.', 'Schepen'],
      ['Sra. Condori: Ya.', 'Sra. Condori'],
      ['MCE Ofori: You are welcome, Madam.', 'MCE Ofori'],
      ['MCD Agyeman: Sorry, Madam.', 'MCD Agyeman'],
      ['D. Amélia: De nada, minha filha.', 'D. Amélia'],
      ['Entrevistadora: Sim.', 'Entrevistadora'],
      ['Dona Maria da Conceição: Obrigada.', 'Dona Maria da Conceição'],
      ['Mr van der Berg: Ja hoor.', 'Mr van der Berg'],
      ["O'Brien: Grand so.", "O'Brien"],
      ['Jean-Luc Dubois : Oui.', 'Jean-Luc Dubois'],
      ['Speaker 2: Yes.', 'Speaker 2'],
      ['B2: Genau.', 'B2'],
      ['Şükrü Öztürk: Evet.', 'Şükrü Öztürk'],
      ['Дмитрий: Да.', 'Дмитрий'],
      ['[00:00:48] I: Misschien kunt u…', 'I'],
      ['[1:02:03] R: Ja.', 'R'],
      ['00:12:34.5 R: Ja.', 'R'],
      ['(12:34) Interviewer: Ok.', 'Interviewer'],
      ['Speaker 1 (00:03): Hi.', 'Speaker 1'],
      ['[Interviewer] Hello there.', '[Interviewer]'],
      ['[00:01:02] [Sra. Condori]: Sí.', '[Sra. Condori]'],
      ['R:', 'R'],
    ];
    for (const [line, speaker] of speakers) {
      it(`finds "${speaker}" in ${JSON.stringify(line)}`, () => {
        assert.deepEqual(textsWith(line, SCOPE.speaker), [speaker]);
      });
    }

    it('scopes the colon after a label as a separator, not as part of the name', () => {
      assert.deepEqual(textsWith('Sra. Condori: Ya.', SCOPE.separator), [':']);
      assert.deepEqual(textsWith('[Interviewer]: Hello.', SCOPE.separator), [':']);
      assert.deepEqual(textsWith('[Interviewer] Hello.', SCOPE.separator), []);
    });

    const notSpeakers = [
      'he said: no',
      'and then: nothing happened',
      'Er waren partijen die zeiden: dat is geen kerntaak van een stad.',
      'Wat ik nog wilde zeggen: de klachtenlijn bestaat wel.',
      'U zei: de burgerlijke stand.',
      "C'est très bien : la commune a maintenant des compétences.",
      'The Mayor Of The City Council: too many words for a label.',
      '"Ge doet van alles voor cultuur: waarom niet iets met ons dorp?"',
      '[00:07:35 - 00:15:20 niet getranscribeerd: bezoek van de alcalde aan Velden in 2023]',
      "[00:05:15 - 00:31:45 non transcrit : visite du centre principal d'état civil]",
      '[Fin de la parte transcrita; 00:41-00:48 conversación informal]',
      '[MCD Agyeman enters, greetings]',
      '[Entra Justina, presidenta de la asociación de recicladoras, saluda]',
      '[Laughs] Yes, that was funny.',
      '[Inaudible] and then: nothing.',
      '[Interviewer]',
      '# Interviewer: Marike (I)',
      'Interviewer:no space after the colon',
      '  - R: a list item',
    ];
    for (const line of notSpeakers) {
      it(`finds no speaker in ${JSON.stringify(line)}`, () => {
        assert.deepEqual(textsWith(line, SCOPE.speaker), []);
      });
    }

    it('finds only the label at the start of a turn, never a later "Name:" in the same line', () => {
      assert.deepEqual(textsWith('Interviewer: In the text, R: is not a second speaker. Sra. Condori: neither.', SCOPE.speaker), [
        'Interviewer',
      ]);
    });
  });

  describe('timestamps', () => {
    const timestamps: Array<[line: string, expected: string[]]> = [
      ['[00:12:34] R: Ja.', ['[00:12:34]']],
      ['[1:02:03] R: Ja.', ['[1:02:03]']],
      ['[12:34] R: Ja.', ['[12:34]']],
      ['00:12:34.5 R: Ja.', ['00:12:34.5']],
      ['R: we went at (12:34) and [00:13:10].', ['(12:34)', '[00:13:10]']],
      ['R: around 00:12:34 or 1:02:03,5 I think.', ['00:12:34', '1:02:03,5']],
      ['R: an f4 mark. #00:14:02-5#', ['#00:14:02-5#']],
      ['[00:07:35 - 00:15:20 niet getranscribeerd: bezoek]', ['00:07:35', '00:15:20']],
      ['[Fin de la parte transcrita; 00:41-00:48 conversación]', ['00:41', '00:48']],
    ];
    for (const [line, expected] of timestamps) {
      it(`finds ${expected.join(', ')} in ${JSON.stringify(line)}`, () => {
        assert.deepEqual(textsWith(line, SCOPE.timestamp), expected);
      });
    }

    it('leaves clock times, scores and numbers in prose alone', () => {
      assert.deepEqual(textsWith('R: the council session at 10:00, the score was 2:1, in 2023, 2.2 positions.', SCOPE.timestamp), []);
      assert.deepEqual(textsWith('# Duration: 00:52:10, partial transcript', SCOPE.timestamp), []);
    });
  });

  describe('transcriber annotations', () => {
    const annotations: Array<[line: string, expected: string[]]> = [
      ['R: [inaudible] yes [laughs].', ['[inaudible]', '[laughs]']],
      ['Schepen: [lacht] Neen. [pauze]', ['[lacht]', '[pauze]']],
      ['Entrevistador: ¿Cómo así? [risas] [se ríe]', ['[risas]', '[se ríe]']],
      ['D. Amélia: Espera. [pega no celular] [inaudível]', ['[pega no celular]', '[inaudível]']],
      ['R: Olhe... (...) Não. (…) Sim.', ['(...)', '(…)']],
      ['R: Honestly - - no.', ['- -']],
      ['R: Broken off-- and restarted.', ['--']],
      ['R: a pause (.) and (0.5) and (2s) and ((coughs)).', ['(.)', '(0.5)', '(2s)', '((coughs))']],
      ['[einde opname]', ['[einde opname]']],
      ['[MCD Agyeman enters, greetings]', ['[MCD Agyeman enters, greetings]']],
      ['[Laughs] Yes.', ['[Laughs]']],
    ];
    for (const [line, expected] of annotations) {
      it(`finds ${expected.join(' ')} in ${JSON.stringify(line)}`, () => {
        assert.deepEqual(textsWith(line, SCOPE.annotation), expected);
      });
    }

    it('scopes a gap note as one annotation with its times inside', () => {
      const line = '[00:07:35 - 00:15:20 niet getranscribeerd: bezoek van de alcalde aan Velden in 2023]';
      assert.deepEqual(textsWith(line, SCOPE.annotation), [line]);
      assert.deepEqual(textsWith(line, SCOPE.speaker), []);
    });

    it('leaves ordinary punctuation alone', () => {
      const line = 'R: a well-known list (2) items, a dash - here, a long dash --- there, dots... and [unclosed';
      assert.deepEqual(textsWith(line, SCOPE.annotation), []);
    });
  });

  describe('comments', () => {
    it('treats # at the start of a line as a comment', () => {
      assert.deepEqual(textsWith('# Interview: BRA-01', SCOPE.comment), ['# Interview: BRA-01']);
      assert.deepEqual(textsWith('# Transcription: [ ] notes, (...) pause', SCOPE.comment), ['# Transcription: [ ] notes, (...) pause']);
      assert.deepEqual(textsWith('# Transcription: [ ] notes, (...) pause', SCOPE.annotation), []);
    });

    it('does not treat # later in a line or an f4 time mark as a comment', () => {
      assert.deepEqual(textsWith('R: issue #4 is not a comment.', SCOPE.comment), []);
      assert.deepEqual(textsWith('#00:01:02-3# R: text', SCOPE.comment), []);
      assert.deepEqual(textsWith('// not a comment either', SCOPE.comment), []);
    });
  });

  describe('example study transcripts', () => {
    // Independent of the grammar: a turn starts with "[hh:mm:ss] " and/or a short "Name: " (≤ 4 words).
    const turn = /^(?:\[\d{1,2}:\d{2}(?::\d{2})?\] )?([^\s:[\]#"(][^:[\]"]{0,40}): /u;
    const turnLabel = (line: string): string | undefined => {
      const label = turn.exec(line)?.[1];
      return label !== undefined && label.split(/\s+/).length <= 4 ? label : undefined;
    };
    const files = listTxt(examplesDir);

    it('has example transcripts', () => {
      assert.ok(files.length >= 10, `found ${files.length} transcripts in ${examplesDir}`);
    });

    for (const file of files) {
      it(`labels every turn of ${path.relative(examplesDir, file)} and nothing else`, () => {
        const lines = readLines(file);
        const tokens = tokenize(lines);
        let turns = 0;
        lines.forEach((line, index) => {
          const speakers = tokens[index].filter(([, scopes]) => scopes.split(' ').includes(SCOPE.speaker)).map(([text]) => text);
          const label = turnLabel(line);
          const where = `${path.basename(file)}:${index + 1}: ${line.slice(0, 80)}`;
          if (line.startsWith('#')) {
            assert.equal(tokens[index][0][1].split(' ')[0], SCOPE.comment, where);
          }
          if (label !== undefined) {
            turns++;
            assert.deepEqual(speakers, [label], where);
          } else {
            assert.deepEqual(speakers, [], where);
          }
          if (/^\[\d{1,2}:\d{2}:\d{2} - /.test(line)) {
            assert.deepEqual(textsWith(line, SCOPE.annotation), [line], `gap note ${where}`);
          }
        });
        // Imported reports (first line "# source: …") have no speakers; interviews have turns.
        if (!lines[0].startsWith('# source: ')) assert.ok(turns >= 10, `${turns} turns in ${file}`);
      });
    }
  });

  describe('language configuration', () => {
    const configuration = JSON.parse(fs.readFileSync(configurationPath, 'utf8')) as {
      comments: { lineComment: string };
      brackets: string[][];
      wordPattern: { pattern: string; flags: string };
    };

    it('uses # for line comments and [ ] ( ) as brackets', () => {
      assert.equal(configuration.comments.lineComment, '#');
      assert.deepEqual(configuration.brackets, [
        ['[', ']'],
        ['(', ')'],
      ]);
    });

    it('has a word pattern for accented letters, apostrophes and hyphens', () => {
      // VS Code adds the g flag and keeps u (ensureValidWordDefinition).
      const wordPattern = new RegExp(configuration.wordPattern.pattern, `${configuration.wordPattern.flags}g`);
      const words = (text: string) => text.match(wordPattern) ?? [];
      assert.deepEqual(words("J'ai connu l'état civil, don’t"), ["J'ai", 'connu', "l'état", 'civil', 'don’t']);
      assert.deepEqual(words('coördinator Kassoumbé São Łucja Дмитрий'), ['coördinator', 'Kassoumbé', 'São', 'Łucja', 'Дмитрий']);
      assert.deepEqual(words('[lacht] (...) juntar-nos - - 2.2'), ['lacht', 'juntar-nos', '2', '2']);
      assert.deepEqual(words("'quoted' — word"), ['quoted', 'word']);
    });
  });
});
