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
      'test-results/**',
      '*.vsix',
    ],
  },
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': ['error', { considerDefaultExhaustiveForUnions: true }],
      eqeqeq: ['error', 'always'],
    },
  },
  {
    // Node's modules and `vscode` are CommonJS: a bundled `import * as path` copies the module's properties into a new
    // object in every file that says it (at start-up) and reaches each one through a getter (in every call), where
    // `import path = require(...)` is the module itself.
    files: ['src/**'],
    rules: {
      '@typescript-eslint/no-require-imports': ['error', { allowAsImport: true }],
      'no-restricted-syntax': [
        'error',
        {
          selector: 'ImportDeclaration[source.value=/^(node:|vscode$)/] > ImportNamespaceSpecifier',
          message: "Write `import name = require('module')` for Node's modules and vscode.",
        },
      ],
    },
  },
  {
    // Build and test scripts in plain JavaScript: no types to check them with.
    files: ['**/*.mjs', '**/*.js', '**/*.cjs'],
    ...tseslint.configs.disableTypeChecked,
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
