import { inject } from 'vitest';

// Vitest setup file (every project, see vitest.shared.ts): a test worker takes the environment of
// its own project's emulator. Global setups of several projects run in one process, so their
// process.env cannot carry it; `provide`/`inject` is per project.
const provided = inject('localAws') as Record<string, string> | undefined;
if (provided) Object.assign(process.env, provided);
