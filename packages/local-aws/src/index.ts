export { startEmulator, stopProcess, isAnswering, isRunning, freePort } from './emulator.js';
export type { Emulator, StartEmulatorOptions } from './emulator.js';
export { dataTemplate, provision, provisionTemplate } from './provision.js';
export type { ProvisionOptions, ProvisionResult } from './provision.js';
export { synthDataTemplate } from './synth.js';
export { resourcesOfType, creationOrder } from './template.js';
export type { Template, TemplateResource } from './template.js';
export { createClients } from './clients.js';
export type { AwsClients } from './clients.js';
export { emulatorGlobalSetup } from './global-setup.js';
export { repoRoot } from './repo-root.js';
export { readCapacity, resetCapacity } from './capacity.js';
export type {
  CapacityReading,
  DynamoDbCapacityRow,
  DynamoDbOperation,
  KinesisCapacityRow,
} from './capacity.js';
