// One emulator for the users tests, on a free port, provisioned from the CDK data stack.
export { emulatorGlobalSetup as default } from '@shopeasy/local-aws';
