// The classification sheet's entry (bundled by esbuild.js into media/dist/sheet.main.js).
import { SheetApp, type VsCodeApi } from './sheet/app';

declare function acquireVsCodeApi(): VsCodeApi;

const root = document.getElementById('app');
if (root) new SheetApp(acquireVsCodeApi(), root);
