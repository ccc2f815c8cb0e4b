// The architecture's import rule, as an ESLint rule: a feature folder under src/ (codebook-view,
// coding, comparison, …) imports only from itself and from the shared folders, never from another
// feature; features meet in src/extension.ts and through VS Code commands. The webview scripts
// follow the same rule one level down (src/webview/<name>/ shares through src/webview/shared/).
import * as path from 'node:path';

/** Folders every feature may import from. */
const SHARED = new Set(['core', 'shared', 'util', 'ui', 'study']);
/** What the shared folders themselves may import (the domain and the protocols stay apart from the editor glue). */
const SHARED_MAY_IMPORT = {
  core: new Set(['core']),
  shared: new Set(['core', 'shared']),
  util: new Set(['core', 'shared', 'util']),
  ui: new Set(['core', 'shared', 'util', 'ui', 'study']),
  study: new Set(['core', 'shared', 'util', 'ui', 'study']),
};

/** The folder that owns a file under src/: "coding", "core", "webview/comparison", … (undefined outside). */
function owner(file, root) {
  const relative = path.relative(path.join(root, 'src'), file).split(path.sep);
  if (relative[0] === '..' || relative.length < 2) return undefined;
  if (relative[0] === 'webview') return relative.length > 2 ? `webview/${relative[1]}` : undefined;
  return relative[0];
}

function allowed(from, to) {
  if (from === to) return true;
  if (from.startsWith('webview/')) return to === 'webview/shared' || to === 'shared' || to === 'core';
  if (from in SHARED_MAY_IMPORT) return SHARED_MAY_IMPORT[from].has(to);
  return SHARED.has(to);
}

const featureBoundaries = {
  meta: {
    type: 'problem',
    docs: { description: 'Feature folders import only from themselves and the shared folders (src/core, src/shared, src/util, src/ui, src/study).' },
    messages: {
      crossFeature:
        '{{from}} must not import from {{to}}: features share through src/ui, src/core, src/study, src/util or src/shared (or a VS Code command), and meet in src/extension.ts.',
    },
    schema: [],
  },
  create(context) {
    const file = context.filename;
    const root = context.cwd;
    const from = owner(file, root);
    if (!from) return {};
    const check = (node, source) => {
      if (typeof source !== 'string' || !source.startsWith('.')) return;
      const to = owner(path.resolve(path.dirname(file), source), root);
      if (to && !allowed(from, to)) context.report({ node, messageId: 'crossFeature', data: { from: `src/${from}`, to: `src/${to}` } });
    };
    return {
      ImportDeclaration: (node) => check(node, node.source.value),
      ExportNamedDeclaration: (node) => node.source && check(node, node.source.value),
      ExportAllDeclaration: (node) => check(node, node.source.value),
      ImportExpression: (node) => node.source.type === 'Literal' && check(node, node.source.value),
    };
  },
};

export default { rules: { 'feature-boundaries': featureBoundaries } };
