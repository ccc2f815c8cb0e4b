// Colour swatches for tree items: one small SVG file per colour in the extension's global
// storage, written once. Files (not data: URIs) because the workbench loads tree icons through
// its resource loader, which serves file URIs in desktop and remote (code-server) hosts alike.
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { isColour } from '../core/codebook/colour';

/** A rounded square filled with the colour, with a thin outline so pale colours show on white. */
export function swatchSvg(colour: string | undefined): string {
  const fill = colour && isColour(colour) ? colour : 'none';
  const stroke = colour && isColour(colour) ? '#00000040' : '#8888';
  return (
    '<svg xmlns="http://www.w3.org/2000/svg" width="16" height="16" viewBox="0 0 16 16">' +
    `<rect x="2.5" y="2.5" width="11" height="11" rx="2.5" fill="${fill}" stroke="${stroke}" stroke-width="1"/></svg>`
  );
}

export class Swatches {
  private readonly written = new Map<string, vscode.Uri>();
  private readonly folder: string;

  constructor(storage: vscode.Uri) {
    this.folder = path.join(storage.fsPath, 'swatches');
  }

  /** The icon file of a colour (or of "no colour"), written on first use. */
  icon(colour: string | undefined): vscode.Uri {
    const key = colour && isColour(colour) ? colour.slice(1).toLowerCase() : 'none';
    let uri = this.written.get(key);
    if (!uri) {
      const file = path.join(this.folder, `${key}.svg`);
      const svg = swatchSvg(colour);
      try {
        if (!fs.existsSync(file) || fs.readFileSync(file, 'utf8') !== svg) {
          fs.mkdirSync(this.folder, { recursive: true });
          fs.writeFileSync(file, svg);
        }
      } catch {
        // No storage (read-only disk): the item shows without a swatch rather than failing.
      }
      uri = vscode.Uri.file(file);
      this.written.set(key, uri);
    }
    return uri;
  }
}
