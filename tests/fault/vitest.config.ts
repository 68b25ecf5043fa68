import { shopeasyProject } from '../../vitest.shared.js';

export default shopeasyProject('fault', { test: { testTimeout: 180_000, hookTimeout: 180_000 } });
