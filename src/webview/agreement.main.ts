// The agreement webview's entry (bundled by esbuild.js into media/dist/agreement.main.js).
import { AgreementApp, type VsCodeApi } from './agreement/app';

declare function acquireVsCodeApi(): VsCodeApi;

const root = document.getElementById('app');
if (root) new AgreementApp(acquireVsCodeApi(), root);
