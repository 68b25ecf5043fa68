import { shopeasyProject } from '../../vitest.shared.js';

// The tests that start a local stack (emulator and components); npm test runs them in its stack lane.
const config = shopeasyProject('local-stack (stack)');
// Replaced, not merged with the shared include.
config.test!.include = ['test/stack/**/*.test.ts'];
export default config;
