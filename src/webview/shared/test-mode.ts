// Whether this webview answers the integration tests' queries and actions: only when the extension
// runs in test mode and says so on the page (src/util/webview-page.ts), never for a researcher.
export function inTestMode(): boolean {
  return document.body.dataset.testMode === 'true';
}
