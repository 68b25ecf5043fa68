export { READ_CHECKS, SERVICES, type ReadCheck, type ServiceName } from './checks.js';
export {
  BUNDLED_CONTRACT_PATH,
  readContractFile,
  responseChecker,
  type ContractDocument,
  type ResponseChecker,
} from './contract.js';
export { formatReport, runSmoke, type CheckResult, type SmokeOptions, type SmokeReport } from './run.js';
