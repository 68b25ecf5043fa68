import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import noImportCycle from './eslint-rules/no-import-cycle.js';
import requireDisableReason from './eslint-rules/require-disable-reason.js';

const conditionalSkip = (object, property) => ({
  object,
  property,
  message:
    'A test skipped on a condition says why on the line: // eslint-disable-next-line no-restricted-properties -- why.',
});

// A test that skips itself at run time says why on the line, in the disable comment.
const runtimeSkips = [
  {
    selector:
      "CallExpression:matches([callee.name='skip'], [callee.object.name=/^(ctx|context)$/][callee.property.name='skip'])",
    message:
      'A test skips itself only with a reason: // eslint-disable-next-line no-restricted-syntax -- why.',
  },
];

// Unit and component tests inject time (STYLE.md, Tests). A wait here is a delay of 300 ms or more,
// or a computed one (LEASE_MS * 3, retryAfter * 1000), that the test awaits. A timer whose callback
// does something else (child.kill(), reject(...)) is a guard, not a wait, and short polls stay.
const long = (delay) => `:matches([${delay}.value>=300], :not([${delay}.type='Literal']))`;
const waitMessage =
  'No fixed wait of 300 ms or more in unit or component tests: inject a clock, or wait on a condition with a deadline.';
const fixedWaits = [
  // sleep(500), delay(LEASE_MS * 3); node:timers/promises setTimeout is imported as sleep.
  `CallExpression[callee.name=/^(sleep|delay)$/]${long('arguments.0')}`,
  // await setTimeout(500), node:timers/promises under its own name.
  `AwaitExpression > CallExpression[callee.name='setTimeout']${long('arguments.0')}`,
  // await new Promise((resolve) => setTimeout(resolve, 500)): the timer resolves what is awaited.
  `AwaitExpression > NewExpression[callee.name='Promise'] CallExpression[callee.name='setTimeout']` +
    `:matches([arguments.0.type='Identifier'], [arguments.0.body.callee.name=/^(r|res|resolve)$/])` +
    long('arguments.1'),
].map((selector) => ({ selector, message: waitMessage }));

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
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    plugins: {
      shopeasy: {
        rules: { 'no-import-cycle': noImportCycle, 'require-disable-reason': requireDisableReason },
      },
    },
    rules: {
      'shopeasy/require-disable-reason': 'error',
      'shopeasy/no-import-cycle': 'error',
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
        ...['it', 'describe', 'test'].flatMap((object) => [
          conditionalSkip(object, 'skipIf'),
          conditionalSkip(object, 'runIf'),
          { object, property: 'todo', message: 'A todo is a skipped test: write it or leave it out.' },
        ]),
      ],
    },
  },
  // Type-aware where it catches real bugs: a promise nobody awaits, or one passed where nothing awaits it.
  // One program for all of it (tsconfig.eslint.json) lints in half the time of a program per project.
  {
    files: ['**/*.ts'],
    ignores: ['**/*.d.ts', '**/vitest.config.ts', '**/vitest.*.config.ts', 'vitest.*.ts'],
    languageOptions: {
      parserOptions: { project: './tsconfig.eslint.json', tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
    },
  },
  {
    files: ['**/test/**/*.ts', '**/*.test.ts'],
    rules: { 'no-restricted-syntax': ['error', ...runtimeSkips] },
  },
  {
    files: [
      'services/*/test/**/*.ts',
      'packages/*/test/**/*.ts',
      'gateway/test/**/*.ts',
      'functions/*/test/**/*.ts',
      'tools/*/test/**/*.ts',
      'infra/test/**/*.ts',
      'mocks/test/**/*.ts',
    ],
    rules: { 'no-restricted-syntax': ['error', ...runtimeSkips, ...fixedWaits] },
  },
);
