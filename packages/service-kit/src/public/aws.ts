// AWS clients for the environment's endpoint, a record of the calls they make (for the IAM check),
// and DynamoDB's answers read by name.
export { awsClientConfig, createAwsClients, type AwsClients } from '../aws.js';
export { recordAwsCalls, type AwsCall, type AwsCallResource, type AwsSdkClient } from '../aws-call-log.js';
export {
  cancellationCodes,
  isConditionFailed,
  isTransactionConditionFailed,
  tableReadiness,
  unlessConditionFails,
  withConflictRetry,
  writeShard,
} from '../dynamo.js';
