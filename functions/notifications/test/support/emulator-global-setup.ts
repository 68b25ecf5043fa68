export { emulatorGlobalSetup as default } from '@shopeasy/local-aws';
