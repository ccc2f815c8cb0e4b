import tseslint from 'typescript-eslint';
import featureBoundaries from './eslint-feature-boundaries.mjs';

export default tseslint.config(
  { ignores: ['dist/**', 'media/dist/**', 'node_modules/**', 'examples/**', '.vscode-test/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      eqeqeq: ['error', 'always'],
      'no-console': 'off',
    },
  },
  {
    // The domain core runs without VS Code (unit tests, the command line): no editor API here.
    files: ['src/core/**/*.ts', 'src/cli/**/*.ts', 'src/webview/**/*.ts', 'src/shared/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        { paths: [{ name: 'vscode', message: 'src/core, src/cli, src/shared and webview code must not import the VS Code API.', allowTypeImports: false }] },
      ],
    },
  },
  {
    // Feature folders do not import each other (see eslint-feature-boundaries.mjs).
    files: ['src/**/*.ts'],
    plugins: { gloss: featureBoundaries },
    rules: { 'gloss/feature-boundaries': 'error' },
  },
  {
    // One way to register a command: src/util/commands.ts logs and shows its failures.
    files: ['src/**/*.ts'],
    ignores: ['src/util/**'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "MemberExpression[object.property.name='commands'][property.name='registerCommand']",
          message: 'Register commands with registerCommand from src/util/commands.ts (errors logged and shown), or registerTestCommands for gloss.test.*.',
        },
      ],
    },
  },
);
