// The emulator's lifecycle and process helpers without provisioning (the AWS SDK clients, and
// aws-cdk-lib when the template is synthesized): for callers that start the emulator at once and
// import '@shopeasy/local-aws/provision' while it starts.
export { startEmulator, stopProcess, isAnswering, isRunning, freePort } from './emulator.js';
export type { Emulator, StartEmulatorOptions } from './emulator.js';
export { repoRoot } from './repo-root.js';
