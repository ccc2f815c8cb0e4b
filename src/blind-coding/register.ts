// Blind coding: the commands that turn it on and off, and the status bar item that says it is on.
// Which codings are shown is decided in one place, the study service (visibleCodingsFiles); every
// view reads through it and is redrawn when the setting changes.
import * as vscode from 'vscode';
import { registerCommand } from '../util/commands';
import { registerTestCommands } from '../util/test-mode';
import type { StudyFeature } from '../study/register';

const SETTING = 'blindCoding';

export function registerBlindCoding(context: vscode.ExtensionContext, feature: StudyFeature): void {
  const { study } = feature;
  const item = vscode.window.createStatusBarItem('gloss.blindCoding', vscode.StatusBarAlignment.Left, 51);
  item.name = vscode.l10n.t('Gloss Blind Coding');
  item.text = `$(eye-closed) ${vscode.l10n.t('Blind')}`;
  item.command = 'gloss.turnOffBlindCoding';
  item.accessibilityInformation = { label: vscode.l10n.t('Blind coding is on: only your codings are shown. Turn it off.') };
  // Not an error, but the views leave something out: the one background that stands out.
  item.backgroundColor = new vscode.ThemeColor('statusBarItem.warningBackground');
  let shown = false;

  const update = () => {
    shown = study.blind && study.current !== undefined;
    item.tooltip = vscode.l10n.t(
      'Blind coding is on: you see only your own codings ({0}). Other coders’ codings are hidden, not changed. Click to turn blind coding off.',
      study.coder,
    );
    if (shown) item.show();
    else item.hide();
  };

  context.subscriptions.push(
    item,
    study.onDidChange(update),
    registerCommand('gloss.turnOnBlindCoding', () => setBlindCoding(true)),
    registerCommand('gloss.turnOffBlindCoding', () => setBlindCoding(false)),
  );
  // For the integration tests: the indicator as the user sees it.
  registerTestCommands(context, {
    'gloss.test.blindCoding': () => ({
      blind: study.blind,
      statusBar: shown ? { text: item.text, tooltip: item.tooltip, command: item.command, label: item.accessibilityInformation?.label } : undefined,
    }),
  });
  update();
}

/**
 * Sets blind coding for this workspace. A value the user settings already give is removed from the
 * workspace settings rather than repeated there (they may be committed with the study).
 */
async function setBlindCoding(on: boolean): Promise<void> {
  const configuration = vscode.workspace.getConfiguration('gloss');
  const values = configuration.inspect<boolean>(SETTING);
  const inherited = values?.globalValue ?? values?.defaultValue ?? false;
  await configuration.update(SETTING, on === inherited ? undefined : on, vscode.ConfigurationTarget.Workspace);
}
