// AWS clients for the environment's endpoint, and DynamoDB's answers read by name.
export { awsClientConfig, createAwsClients, type AwsClients } from '../aws.js';
export {
  cancellationCodes,
  isConditionFailed,
  isTransactionConditionFailed,
  tableReadiness,
  unlessConditionFails,
  withConflictRetry,
} from '../dynamo.js';
