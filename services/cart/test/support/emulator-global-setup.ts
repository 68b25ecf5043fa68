// One emulator for the cart tests: started on a free port, provisioned from the CDK data stack.
export { emulatorGlobalSetup as default } from '@shopeasy/local-aws';
