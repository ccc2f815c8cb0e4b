// Every message of the extension and of its manifest exists in every language bundle, with the
// same placeholders ({0}, {name}, $(icon)) as the English text: a missing or broken translation
// fails here rather than showing English, or a wrong value, to a researcher.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const repo = path.join(__dirname, '..', '..');
// VS Code's display-language ids: Portuguese is pt-br there, Dutch comes from a community language pack.
const LANGUAGES = ['de', 'es', 'fr', 'nl', 'pt-br'];

interface L10nScript {
  extractMessages(srcDir?: string): string[];
  placeholders(message: string): string[];
}

const readJson = (file: string): Record<string, string> => JSON.parse(fs.readFileSync(path.join(repo, file), 'utf8'));

function compare(english: Record<string, string>, translated: Record<string, string>, placeholders: (m: string) => string[]): string[] {
  const problems: string[] = [];
  for (const key of Object.keys(english)) {
    const value = translated[key];
    if (typeof value !== 'string' || value.trim() === '') problems.push(`missing: ${JSON.stringify(key)}`);
    else if (placeholders(english[key]).join(' ') !== placeholders(value).join(' ')) problems.push(`placeholders differ: ${JSON.stringify(key)} → ${JSON.stringify(value)}`);
  }
  for (const key of Object.keys(translated)) if (!(key in english)) problems.push(`no longer used: ${JSON.stringify(key)}`);
  return problems;
}

describe('translations', () => {
  let script: L10nScript;
  before(async () => {
    script = (await import(path.join(repo, 'scripts', 'l10n.mjs'))) as L10nScript;
  });

  it('l10n/bundle.l10n.json lists exactly the messages in the sources (npm run l10n writes it)', () => {
    assert.deepEqual(Object.keys(readJson('l10n/bundle.l10n.json')).sort(), script.extractMessages());
  });

  it('finds messages passed to l10n.t through a local name for it (const t = vscode.l10n.t)', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gloss-l10n-'));
    try {
      fs.writeFileSync(
        path.join(dir, 'strings.ts'),
        "import * as vscode from 'vscode';\nexport function strings() {\n  const t = vscode.l10n.t;\n  return { a: t('Columns'), b: vscode.l10n.t('Rows'), c: other('Not a message') };\n}\n",
      );
      assert.deepEqual(script.extractMessages(dir), ['Columns', 'Rows']);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  for (const language of LANGUAGES) {
    it(`${language}: every message of the extension, with its placeholders`, () => {
      const english = Object.fromEntries(script.extractMessages().map((m) => [m, m]));
      const problems = compare(english, readJson(`l10n/bundle.l10n.${language}.json`), script.placeholders);
      assert.deepEqual(problems.slice(0, 20), [], `${problems.length} problems in l10n/bundle.l10n.${language}.json`);
    });

    it(`${language}: every title and description of the manifest, with its placeholders`, () => {
      const problems = compare(readJson('package.nls.json'), readJson(`package.nls.${language}.json`), script.placeholders);
      assert.deepEqual(problems.slice(0, 20), [], `${problems.length} problems in package.nls.${language}.json`);
    });
  }
});
