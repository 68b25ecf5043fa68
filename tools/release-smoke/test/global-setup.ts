// One emulator for the catalog these tests smoke-test: started on a free port, provisioned from the CDK data stack.
export { emulatorGlobalSetup as default } from '@shopeasy/local-aws';
