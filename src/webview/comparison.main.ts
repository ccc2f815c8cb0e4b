// The comparison webview's entry (bundled by esbuild.js into media/dist/comparison.main.js).
import { App, type VsCodeApi } from './comparison/app';

declare function acquireVsCodeApi(): VsCodeApi;

const root = document.getElementById('app');
if (root) new App(acquireVsCodeApi(), root);
