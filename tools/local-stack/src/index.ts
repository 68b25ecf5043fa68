export { startStack, TEST_STACK_ENV } from './stack.js';
export type { Stack, StackOptions } from './stack.js';
export { components } from './components.js';
