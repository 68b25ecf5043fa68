// The deploy check as a library: the CLI (main.ts) and its tests run the same checks.
export { checkEnvironment, checkImageTagRequired, type CheckResult } from './checks.js';
export { runDeployCheck, formatResults } from './run.js';
export { readAssembly, synthesize, type EnvironmentTemplates } from './synthesize.js';
