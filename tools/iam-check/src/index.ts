// The IAM check as a library: the CLI (main.ts), its tests and other tools run the same evaluation.
export { readAssembly, type Assembly, type CfnTemplate, type Stack } from './assembly.js';
export { readCalls } from './calls.js';
export { evaluateCalls, formatResults, type CallResult, type RecordedCall } from './evaluate.js';
export type { RecordedResource } from './resources.js';
