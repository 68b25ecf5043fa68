import { shopeasyProject } from '../../vitest.shared.js';

export default shopeasyProject('diagrams');
