export { emulatorGlobalSetup as default } from '../../src/index.js';
