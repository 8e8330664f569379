import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'out/**',
      'src/**/*.generated.js',
      'node_modules/**',
      '.vscode-test/**',
      'test/fixtures/**',
      '*.vsix',
    ],
  },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      eqeqeq: ['error', 'always'],
    },
  },
  {
    // The engine and the CLI must run without an editor: only src/extension may talk to VS Code.
    files: ['src/core/**', 'src/cli/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [{ name: 'vscode', message: 'src/core and src/cli must not depend on the editor.' }] },
      ],
    },
  },
);
