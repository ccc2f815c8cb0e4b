// A webview's page, shared by every webview of the extension: a strict Content Security Policy
// (nothing but our own stylesheets and one script with a fresh nonce), assets from media/ only.
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import { escapeHtml } from '../core/reports/html';

/** Where a webview's assets are, and whether its test hooks answer (only when VS Code runs the tests). */
export interface WebviewHost {
  readonly extensionUri: vscode.Uri;
  readonly testMode: boolean;
}

export function webviewHost(context: vscode.ExtensionContext): WebviewHost {
  return { extensionUri: context.extensionUri, testMode: context.extensionMode === vscode.ExtensionMode.Test };
}

/** `mediaFolder`: a folder the page may also read (the media player's recording folder). */
export function webviewOptions({ extensionUri }: WebviewHost, mediaFolder?: vscode.Uri): vscode.WebviewPanelOptions & vscode.WebviewOptions {
  return {
    enableScripts: true,
    enableFindWidget: true,
    localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'media'), ...(mediaFolder ? [mediaFolder] : [])],
  };
}

/**
 * The page of the webview whose assets are media/<name>.css and media/dist/<name>.main.js. In test
 * mode the body says so (data-test-mode), and only then does the script answer the tests' queries
 * and actions (src/webview/shared/test-mode.ts). `media`: the page may play audio and video from
 * the webview's local resource roots.
 */
export function webviewPage(webview: vscode.Webview, { extensionUri, testMode }: WebviewHost, name: string, title: string, options: { media?: boolean } = {}): string {
  const nonce = randomBytes(16).toString('base64');
  const base = webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'media', 'webview-base.css'));
  const style = webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'media', `${name}.css`));
  const script = webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'media', 'dist', `${name}.main.js`));
  const csp = [`default-src 'none'`, `style-src ${webview.cspSource}`, `img-src ${webview.cspSource}`, `font-src ${webview.cspSource}`, `script-src 'nonce-${nonce}'`, ...(options.media ? [`media-src ${webview.cspSource}`] : [])].join('; ');
  return `<!DOCTYPE html>
<html lang="${vscode.env.language}">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${base.toString()}">
<link rel="stylesheet" href="${style.toString()}">
<title>${escapeHtml(title)}</title>
</head>
<body${testMode ? ' data-test-mode="true"' : ''}>
<div id="app"></div>
<script nonce="${nonce}" src="${script.toString()}"></script>
</body>
</html>`;
}
