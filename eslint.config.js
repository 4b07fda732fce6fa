import js from '@eslint/js';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/**
 * Process boundaries (docs/architecture.md), enforced here and proven by test/unit/lint-boundaries.test.ts:
 * - renderer/ sees only electron/contract/, spelled `$contract/…` (no `..` inside it), never Node,
 *   Electron or native modules;
 * - electron/contract/ imports zod and its own files, nothing else;
 * - electron/core/ and electron/practice/ are plain Node: no 'electron';
 * - electron/preload/ imports 'electron' and the contract only.
 */
const nodeBuiltins = ['fs', 'path', 'os', 'child_process', 'crypto', 'http', 'https', 'net', 'url', 'stream', 'util', 'worker_threads'];
const nativeModules = ['keytar', 'sqlite3', 'better-sqlite3'];

/** Forbid exact module names and any specifier matching `regex`, with one message saying why. */
const restrict = ({ names = [], regex }, message) => ({
  'no-restricted-imports': [
    'error',
    {
      paths: names.map((name) => ({ name, message })),
      patterns: regex ? [{ regex, message }] : [],
    },
  ],
});

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', '.ta-desk-data/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...svelte.configs['flat/recommended'],
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'off',
    },
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: { parserOptions: { parser: tseslint.parser, extraFileExtensions: ['.svelte'] } },
  },
  {
    files: ['renderer/**/*.{ts,svelte}', 'electron/preview/bridge.ts'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    files: ['renderer/**/*.{ts,svelte}'],
    rules: restrict(
      { names: ['electron', ...nodeBuiltins, ...nativeModules], regex: '^node:|^electron/|/electron/|^\\$contract/(.*/)?\\.\\./' },
      'The renderer talks to main only through window.taDesk; it may import the contract as $contract/… and nothing else from electron/, and no Node or native module.',
    ),
  },
  {
    files: ['electron/contract/**/*.ts'],
    rules: restrict({ regex: '^(?!zod$|zod/mini$|\\./)' }, 'electron/contract/ is shared with the renderer: it imports only zod and its own files.'),
  },
  {
    files: ['electron/core/**/*.ts', 'electron/practice/**/*.ts', 'electron/preview/**/*.ts'],
    rules: restrict({ names: ['electron'], regex: '^electron/|/main/|/preload/' }, 'Core, practice and preview code is plain Node: it must not import Electron (it runs under vitest and the preview host).'),
  },
  {
    files: ['electron/preload/**/*.ts'],
    rules: restrict({ names: [...nodeBuiltins, ...nativeModules], regex: '^node:|/(core|main|practice|preview)/' }, 'The sandboxed preload may import only electron and electron/contract/.'),
  },
);
