import { shopeasyProject } from '../../vitest.shared.js';

// Tests that start nothing; those under test/stack/ start a stack (vitest.stack.config.ts).
export default shopeasyProject('local-stack', { test: { exclude: ['test/stack/**'] } });
