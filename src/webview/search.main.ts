// The search webview's entry (bundled by esbuild.js into media/dist/search.main.js).
import { SearchApp, type VsCodeApi } from './search/app';

declare function acquireVsCodeApi(): VsCodeApi;

const root = document.getElementById('app');
if (root) new SearchApp(acquireVsCodeApi(), root);
