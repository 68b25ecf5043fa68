// One emulator for the orders tests: started on a free port, provisioned from the CDK data stack.
export { emulatorGlobalSetup as default } from '@shopeasy/local-aws';
