// Lint configuration. Its main job is to keep the zones honest (house-style.md principle 1): code
// outside extension/ never imports vscode, the bootstrap imports no npm packages, and logs/ is pure.
import tseslint from 'typescript-eslint';

const noVscode = {
  paths: [
    { name: 'vscode', message: 'This zone runs outside the extension host: never import vscode.' },
  ],
};

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'node_modules/**',
      '.e2e/**',
      'test/fixtures/**',
      'examples/**',
      'test-results/**',
    ],
  },
  {
    files: ['**/*.ts'],
    extends: [tseslint.configs.recommended],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      // node:test's describe/it return promises its runner awaits itself.
      '@typescript-eslint/no-floating-promises': [
        'error',
        {
          allowForKnownSafeCalls: [
            {
              from: 'package',
              package: 'node:test',
              name: [
                'describe',
                'it',
                'test',
                'suite',
                'before',
                'after',
                'beforeEach',
                'afterEach',
              ],
            },
          ],
        },
      ],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
    },
  },
  {
    files: [
      'debug-adapter/**/*.ts',
      'extension/language-server/**/*.ts',
      'extension/log-panel/protocol.ts',
    ],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          ...noVscode,
          patterns: [
            { group: ['**/extension/**'], message: 'debug-adapter/ must not import extension/.' },
          ],
        },
      ],
    },
  },
  {
    files: ['debug-adapter/emulator/bootstrap/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          ...noVscode,
          patterns: [
            {
              regex: '^(?!node:|\\.{1,2}/)',
              message:
                'The bootstrap runs inside the user process: Node built-ins and our constants only.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['debug-adapter/emulator/logs/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          ...noVscode,
          patterns: [{ group: ['node:*'], message: 'logs/ is pure: no Node built-ins.' }],
        },
      ],
    },
  },
  {
    // The log panel's webview runs in a browser: no vscode, no Node built-ins.
    files: ['extension/log-panel/webview/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          ...noVscode,
          patterns: [
            {
              group: ['node:*', 'fs', 'path', 'os', 'child_process'],
              message: 'The webview runs in a browser.',
            },
          ],
        },
      ],
    },
  },
  {
    // Event templates are pure data shared by the CLI, the extension and the language server.
    files: ['debug-adapter/templates/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          ...noVscode,
          patterns: [
            {
              regex: '^(?!\\.{1,2}/|aws-lambda$)',
              message: 'Event templates import nothing but each other (and aws-lambda types).',
            },
          ],
        },
      ],
    },
  },
);
