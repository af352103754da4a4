import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/', 'data/', 'test-results/', 'playwright-report/', 'scratch/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: {
        process: 'readonly',
        console: 'readonly',
        URL: 'readonly',
        performance: 'readonly',
        Blob: 'readonly',
        Buffer: 'readonly',
        setInterval: 'readonly',
        clearInterval: 'readonly',
        setTimeout: 'readonly',
        document: 'readonly',
        window: 'readonly',
      },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  // The browser's own script: what a browser provides.
  {
    files: ['public/**/*.js'],
    languageOptions: { globals: { fetch: 'readonly', Intl: 'readonly', HTMLScriptElement: 'readonly' } },
  },
  // One clock: only src/platform/clock.ts reads the wall clock; everything else asks the clock it was given.
  {
    files: ['src/**/*.ts', 'e2e/**/*.ts'],
    ignores: ['src/**/*.test.ts', 'src/platform/clock.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "NewExpression[callee.name='Date'][arguments.length=0]",
          message: 'Read the time from the clock the service was given (src/platform/clock.ts), not the wall clock.',
        },
        {
          selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']",
          message: 'Read the time from the clock the service was given (src/platform/clock.ts), not the wall clock.',
        },
      ],
    },
  },
);
