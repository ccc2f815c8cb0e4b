// A stub VS Code language pack, made offline, so that code-server shows its workbench in
// another display language and extensions see it as vscode.env.language (then VS Code picks
// our package.nls.<language>.json and l10n/bundle.l10n.<language>.json).
//
// How VS Code's server decides (code-server 4.139.1, lib/vscode/out/server-main.js): the
// locale is `--locale`, else "locale" in argv.json, else the browser's; a locale other than
// English is used only if <user-data-dir>/languagepacks.json has an entry for it (or for its
// prefix: pt-br, then pt) whose translations.vscode file exists. From that file it builds
// clp/<hash>.<language>/…/nls.messages.js, which sets the page's language. Without the entry
// the workbench (and with it every extension) silently falls back to English.
//
// VS Code's own language-pack service writes languagepacks.json when a pack is installed
// through the running workbench; code-server's `--install-extension` CLI does not, so we write
// it as that service would. The stub translates none of VS Code's own strings, which stay
// English (a real pack from the Marketplace translates them).
import fs from 'node:fs';
import path from 'node:path';

const PUBLISHER = 'gloss-qda';
const VERSION = '0.0.0';

/**
 * Puts a stub language pack for `language` into `extensionsDir` and registers it in
 * `userDataDir`/languagepacks.json. Start code-server with `--locale <language>` afterwards.
 */
export function installLanguagePack({ extensionsDir, userDataDir, language }) {
  const name = `stub-language-pack-${language}`;
  const folder = path.join(extensionsDir, `${PUBLISHER}.${name}-${VERSION}`);
  const translations = path.join(folder, 'translations', 'main.i18n.json');
  fs.mkdirSync(path.dirname(translations), { recursive: true });
  fs.writeFileSync(
    path.join(folder, 'package.json'),
    JSON.stringify({
      name,
      publisher: PUBLISHER,
      version: VERSION,
      engines: { vscode: '*' },
      contributes: {
        localizations: [{ languageId: language, languageName: language, translations: [{ id: 'vscode', path: './translations/main.i18n.json' }] }],
      },
    }),
  );
  fs.writeFileSync(translations, JSON.stringify({ version: '1.0.0', contents: {} }));

  const registry = path.join(userDataDir, 'languagepacks.json');
  const packs = fs.existsSync(registry) ? JSON.parse(fs.readFileSync(registry, 'utf8')) : {};
  packs[language] = {
    // Names the folder of the messages VS Code generates from the pack (clp/<hash>.<language>).
    hash: `${name}-${VERSION}`,
    extensions: [{ extensionIdentifier: { id: `${PUBLISHER}.${name}` }, version: VERSION }],
    translations: { vscode: translations },
    label: language,
  };
  fs.mkdirSync(userDataDir, { recursive: true });
  fs.writeFileSync(registry, JSON.stringify(packs));
}
