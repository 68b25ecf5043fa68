import { shopeasyProject } from '../../vitest.shared.js';

// Unit tests of the harness's own logic; they need no stack (`npm run load` is the load run).
export default shopeasyProject('load');
