import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '**/dist/**',
      '**/cdk.out*/**',
      'generated/**',
      'contracts/dist/**',
      '.venv*/**',
      '.tools/**',
      '.local/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/ban-ts-comment': [
        'error',
        { 'ts-ignore': true, 'ts-expect-error': 'allow-with-description' },
      ],
      // Focused or skipped tests never land.
      'no-restricted-properties': [
        'error',
        { object: 'it', property: 'only', message: 'Focused tests never land.' },
        { object: 'describe', property: 'only', message: 'Focused tests never land.' },
        { object: 'test', property: 'only', message: 'Focused tests never land.' },
        { object: 'it', property: 'skip', message: 'Skipped tests never land.' },
        { object: 'describe', property: 'skip', message: 'Skipped tests never land.' },
        { object: 'test', property: 'skip', message: 'Skipped tests never land.' },
      ],
    },
  },
);
