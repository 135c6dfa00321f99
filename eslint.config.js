import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

/** An import-boundary rule: imports whose path matches `regex` are refused with `message`. */
const refuse = (regex, message) => ({ regex, message });

// The layers (docs/architecture.md): pages depend on src/shared and src/ui, never on each other;
// src/shared depends on nothing above it; worker features sit over the infrastructure and are wired
// by messages/, which they never import; nothing shipped imports tests/.
const boundaries = [
  {
    files: ['src/popup/**'],
    patterns: [
      refuse('^(\\.\\./)+options/', 'The popup must not import the options page: move shared UI to src/ui/.'),
    ],
  },
  {
    files: ['src/options/**'],
    patterns: [
      refuse('^(\\.\\./)+popup/', 'The options page must not import the popup: move shared UI to src/ui/.'),
    ],
  },
  {
    files: ['src/shared/**'],
    patterns: [
      refuse(
        '^(\\.\\./)+(background|popup|options|ui)/',
        'src/shared/ must not import the worker, a page or src/ui/.',
      ),
    ],
  },
  {
    files: ['src/ui/**'],
    patterns: [
      refuse('^(\\.\\./)+(background|popup|options)/', 'src/ui/ must not import the worker or a page.'),
    ],
  },
  {
    files: ['src/background/**'],
    ignores: ['src/background/messages/**', 'src/background/index.ts', 'src/background/context.ts'],
    patterns: [
      refuse(
        '^(\\.\\./)+messages/',
        'A worker feature must not import messages/ (the router): put shared pieces in errors/ or the feature.',
      ),
      refuse('^(\\.\\./)+(popup|options|ui)/', 'The worker must not import a page or src/ui/.'),
    ],
  },
].map(({ files, ignores, patterns }) => ({
  files,
  ...(ignores ? { ignores } : {}),
  rules: { 'no-restricted-imports': ['error', { patterns }] },
}));

// A rule of its own, so that it adds to the folder rules above instead of replacing them.
const noTestsInShippedCode = {
  files: ['src/**'],
  ignores: ['src/**/*.test.ts', 'src/**/*.test.tsx', 'src/**/test-support*.ts'],
  rules: {
    '@typescript-eslint/no-restricted-imports': [
      'error',
      { patterns: [refuse('^(\\.\\./)+tests/', 'Shipped code must not import tests/.')] },
    ],
  },
};

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node, ...globals.serviceworker } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': ['error', { allow: ['warn', 'error'] }],
    },
  },
  {
    files: ['scripts/**', 'tests/**'],
    rules: { 'no-console': 'off' },
  },
  ...boundaries,
  noTestsInShippedCode,
);
