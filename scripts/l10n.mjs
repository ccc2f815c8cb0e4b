// The extension's translatable messages: every `l10n.t('…')` in src/, keyed by its English text
// as VS Code's l10n bundles are. `npm run l10n` writes them to l10n/bundle.l10n.json, the list a
// translator starts from; test/unit/translations.test.ts checks every bundle against it.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function sourceFiles(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(file);
    return entry.name.endsWith('.ts') ? [file] : [];
  });
}

/** Every message passed to `l10n.t`, directly or through a local name for it (`const t =
 * vscode.l10n.t`), in the sources under `srcDir`, sorted; throws on a call whose message is not a
 * literal, since such a message can never be found in a bundle. */
export function extractMessages(srcDir = path.join(repo, 'src')) {
  const messages = new Set();
  const problems = [];
  for (const file of sourceFiles(srcDir)) {
    const source = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
    const isL10nT = (expression) => expression.getText(source).replace(/\s/g, '').endsWith('l10n.t');
    const aliases = new Set();
    const findAliases = (node) => {
      if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && node.initializer && isL10nT(node.initializer)) aliases.add(node.name.text);
      ts.forEachChild(node, findAliases);
    };
    findAliases(source);
    const visit = (node) => {
      if (ts.isCallExpression(node) && (isL10nT(node.expression) || (ts.isIdentifier(node.expression) && aliases.has(node.expression.text)))) {
        const [first] = node.arguments;
        if (first && (ts.isStringLiteral(first) || ts.isNoSubstitutionTemplateLiteral(first))) messages.add(first.text);
        else {
          const { line } = source.getLineAndCharacterOfPosition(node.getStart(source));
          problems.push(`${path.relative(repo, file)}:${line + 1}: the message of l10n.t must be a string literal`);
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  if (problems.length > 0) throw new Error(problems.join('\n'));
  return [...messages].sort();
}

/** The parts of a message a translation must keep as they are: `{0}`, `{name}` and `$(icon)`. */
export function placeholders(message) {
  return (message.match(/\{[^{}\s]+\}|\$\([\w~-]+\)/g) ?? []).slice().sort();
}

// VS Code's display-language ids of the bundles we ship; a translator adds one by adding its files.
export function languages() {
  return fs.readdirSync(path.join(repo, 'l10n')).flatMap((name) => /^bundle\.l10n\.(.+)\.json$/.exec(name)?.[1] ?? []).sort();
}

const readJson = (file) => JSON.parse(fs.readFileSync(file, 'utf8'));
const writeJson = (file, object) => fs.writeFileSync(file, `${JSON.stringify(object, null, 2)}\n`);

/** Keeps only the keys of `translated` that `english` still has, sorted; returns the keys `english`
 * has that are not translated yet. */
function prune(file, english) {
  const translated = fs.existsSync(file) ? readJson(file) : {};
  const kept = Object.fromEntries(Object.keys(translated).filter((key) => key in english).sort().map((key) => [key, translated[key]]));
  writeJson(file, kept);
  return { removed: Object.keys(translated).length - Object.keys(kept).length, missing: Object.keys(english).filter((key) => !(key in kept)) };
}

// `npm run l10n`: writes l10n/bundle.l10n.json from the sources, removes from every language's
// bundle and package.nls.<id>.json the keys no longer used, and lists what is left to translate.
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const bundle = Object.fromEntries(extractMessages().map((m) => [m, m]));
  fs.mkdirSync(path.join(repo, 'l10n'), { recursive: true });
  writeJson(path.join(repo, 'l10n', 'bundle.l10n.json'), bundle);
  console.log(`l10n/bundle.l10n.json: ${Object.keys(bundle).length} messages`);
  const manifest = readJson(path.join(repo, 'package.nls.json'));
  let missingAny = false;
  for (const language of languages()) {
    for (const [file, english] of [[`l10n/bundle.l10n.${language}.json`, bundle], [`package.nls.${language}.json`, manifest]]) {
      const { removed, missing } = prune(path.join(repo, file), english);
      console.log(`${file}: ${Object.keys(english).length - missing.length} translated, ${missing.length} missing, ${removed} unused removed`);
      for (const key of missing) console.log(`  missing: ${JSON.stringify(key)}`);
      missingAny ||= missing.length > 0;
    }
  }
  if (missingAny) process.exitCode = 1;
}
