// @ts-check
import js from '@eslint/js';
import path from 'node:path';
import tseslint from 'typescript-eslint';
import { dependencyDirection } from './tools/architecture/dependency-direction.js';

export default tseslint.config(
  {
    ignores: [
      '**/dist/**',
      'node_modules/**',
      'web/dist/**',
      'coverage/**',
      'bench/results/**',
      'data/**',
      'test-results/**',
      // Compiled on its own against a client generated in CI (.ci/openapi-client).
      'test/openapi-client/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        projectService: { allowDefaultProject: ['*.js', 'bin/*.js', 'tools/*.js', 'tools/architecture/*.js'] },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true, allowBoolean: true }],
      eqeqeq: ['error', 'smart'],
      // Fastify plugins and handlers are async by contract even when they do not await.
      '@typescript-eslint/require-await': 'off',
    },
  },
  {
    // The direction of imports between src/ folders (tools/architecture/layers.js, docs/architecture.md).
    files: ['src/**/*.ts'],
    plugins: { daogou: { rules: { 'dependency-direction': dependencyDirection } } },
    rules: { 'daogou/dependency-direction': ['error', { srcRoot: path.join(import.meta.dirname, 'src') }] },
  },
  {
    // Tests read JSON responses (typed any by inject().json()); the unsafe-any rules add noise there, not safety.
    files: ['**/*.test.ts', 'test/**/*.ts', 'src/**/*.contract.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
    },
  },
  {
    files: ['**/*.js'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: { globals: { process: 'readonly', console: 'readonly' } },
  },
);
