// The extension's manifest against its code and its strings: every declared command is registered,
// none is a test command, each is under the Gloss category with a translated title; keybindings
// have a Mac variant and a when clause; menus and keybindings name declared commands; every
// %key% has its English string; every setting is described.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';

const root = path.resolve(__dirname, '../..');
const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
const strings: Record<string, string> = JSON.parse(fs.readFileSync(path.join(root, 'package.nls.json'), 'utf8'));
const contributes = manifest.contributes;

interface Command {
  command: string;
  title: string;
  category?: string;
}
const commands: Command[] = contributes.commands;
const declared = new Set(commands.map((c) => c.command));

function sourceFiles(folder: string): string[] {
  return fs.readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(folder, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return entry.name.endsWith('.ts') ? [full] : [];
  });
}

/**
 * Command ids the code registers: the first argument of every registerCommand(…) call, a string or
 * a constant defined in src (the id of a numbered family such as gloss.quickCode${n} stands for all).
 */
function registeredCommandIds(): string[] {
  const sources = sourceFiles(path.join(root, 'src')).map((file) => fs.readFileSync(file, 'utf8'));
  const constants = new Map<string, string>();
  for (const source of sources) {
    for (const m of source.matchAll(/\bconst\s+([A-Z_][A-Z0-9_]*)\s*=\s*'(gloss\.[^']+)'/g)) constants.set(m[1], m[2]);
  }
  const ids: string[] = [];
  for (const source of sources) {
    for (const m of source.matchAll(/\b(?:registerCommand|command)\(\s*(?:'([^']+)'|`([^`]+)`|([A-Z_][A-Z0-9_]*))/g)) {
      const id = m[1] ?? m[2] ?? constants.get(m[3]);
      if (id !== undefined) ids.push(id);
    }
  }
  return ids;
}

function isRegistered(id: string, registered: readonly string[]): boolean {
  return registered.some((r) => r === id || (r.includes('${') && new RegExp(`^${r.replace(/\./g, '\\.').replace(/\$\{[^}]+\}/g, '\\d+')}$`).test(id)));
}

/** Every "%key%" anywhere in the manifest. */
function placeholders(value: unknown): string[] {
  if (typeof value === 'string') return [...value.matchAll(/^%([^%]+)%$/g)].map((m) => m[1]);
  if (Array.isArray(value)) return value.flatMap(placeholders);
  if (value && typeof value === 'object') return Object.values(value).flatMap(placeholders);
  return [];
}

describe('manifest (package.json)', () => {
  it('declares only commands the code registers', () => {
    const registered = registeredCommandIds();
    const missing = [...declared].filter((id) => !isRegistered(id, registered));
    assert.deepEqual(missing, []);
  });

  it('declares no test command (gloss.test.* exist only in test mode)', () => {
    assert.deepEqual([...declared].filter((id) => id.startsWith('gloss.test.')), []);
    const inMenus = Object.values(contributes.menus as Record<string, Array<{ command?: string }>>).flatMap((items) => items.map((i) => i.command ?? ''));
    assert.deepEqual(inMenus.filter((id) => id.startsWith('gloss.test.')), []);
  });

  it('puts every command under the Gloss category with a title from package.nls.json', () => {
    assert.equal(strings.category, 'Gloss');
    for (const command of commands) {
      assert.equal(command.category, '%category%', `${command.command} category`);
      const key = /^%([^%]+)%$/.exec(command.title)?.[1];
      assert.ok(key && strings[key], `${command.command} title ${command.title}`);
    }
  });

  it('gives every keybinding a Mac variant and a when clause, for a declared command', () => {
    for (const binding of contributes.keybindings as Array<{ command: string; key: string; mac?: string; when?: string }>) {
      assert.ok(binding.mac, `${binding.command} (${binding.key}) has no mac`);
      assert.ok(binding.when, `${binding.command} (${binding.key}) has no when`);
      assert.ok(declared.has(binding.command.replace(/^-/, '')), `${binding.command} is not declared`);
    }
  });

  it('names only declared commands in menus', () => {
    for (const [menu, items] of Object.entries(contributes.menus as Record<string, Array<{ command?: string; submenu?: string }>>)) {
      for (const item of items) if (item.command) assert.ok(declared.has(item.command), `${menu}: ${item.command} is not declared`);
    }
  });

  it('has an English string for every %key%', () => {
    const missing = placeholders(manifest).filter((key) => strings[key] === undefined);
    assert.deepEqual(missing, []);
  });

  it('describes every setting', () => {
    const sections = Array.isArray(contributes.configuration) ? contributes.configuration : [contributes.configuration];
    for (const section of sections) {
      for (const [key, setting] of Object.entries(section.properties as Record<string, { description?: string; markdownDescription?: string }>)) {
        const description = setting.description ?? setting.markdownDescription;
        assert.ok(description, `${key} has no description`);
        const placeholder = /^%([^%]+)%$/.exec(description)?.[1];
        if (placeholder) assert.ok(strings[placeholder], `${key}: ${description} has no string`);
      }
    }
  });
});
