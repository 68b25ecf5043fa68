export { CLOUD_ENVIRONMENT, startStack, TEST_STACK_ENV } from './stack.js';
export type { SuperviseOptions } from './supervisor.js';
export { cloudEnvironment, type CloudDefinition, type LocalCounterparts } from './cloud-environment.js';
export type { Stack, StackOptions } from './stack.js';
export { components } from './components.js';
