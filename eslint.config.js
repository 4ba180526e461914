// typescript-eslint's recommended rules (no type information: fast enough for `npm test`).
// Rules that the tree does not pass yet are warnings, listed below with the reason; each is meant
// to become an error once its warnings are fixed. `npm run lint` fails on errors only.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'coverage/', '.bench/', 'data/', 'bench/baselines/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      ecmaVersion: 2023,
      sourceType: 'module',
      globals: {
        process: 'readonly',
        console: 'readonly',
        Buffer: 'readonly',
        URL: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        setImmediate: 'readonly',
        queueMicrotask: 'readonly',
        TextDecoder: 'readonly',
        TextEncoder: 'readonly',
        AbortController: 'readonly',
        structuredClone: 'readonly',
        performance: 'readonly',
        globalThis: 'readonly',
      },
    },
    rules: {
      // `_`-prefixed bindings are deliberately unused (destructuring a key away, callback slots).
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none', destructuredArrayIgnorePattern: '^_' },
      ],
      // Off on purpose: control characters in regexes are how untrusted input is sanitised
      // (ANSI escapes, NUL, XML-forbidden characters in formats/, normalize/, redact/).
      'no-control-regex': 'off',
      // Warnings for now (2026-12): few and in files other branches were editing; make them errors
      // once fixed. no-explicit-any: 19 uses, mostly test casts of parsed JSON.
      '@typescript-eslint/no-explicit-any': 'warn',
      'prefer-const': 'warn',
      'no-useless-escape': 'warn',
    },
  },
);
