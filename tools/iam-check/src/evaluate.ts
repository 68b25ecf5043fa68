import { environmentStacks, type Assembly } from './assembly.js';
import { Resolver } from './intrinsics.js';
import { targetOf, type RecordedResource } from './resources.js';
import { componentRole, type ComponentRole } from './roles.js';
import { check } from './simulate.js';

/** One line of a recorded call log (`AWS_CALL_LOG`, written by the service kit's recorder). */
export interface RecordedCall {
  component: string;
  service: string;
  action: string;
  resources: RecordedResource[];
}

/** The verdict on one action of one component on one resource of the environment. */
export interface CallResult {
  component: string;
  action: string;
  /** The resource's ARN in the environment (or its local name when it has none there). */
  resource: string;
  /** For a KMS action: the call it is made for, which needs it to succeed. */
  for?: string;
  allowed: boolean;
  /** Why it is denied: the role, and the statement that denies it or that none allows it. */
  problem?: string;
}

// The KMS actions a call needs from its caller on the key of a resource encrypted with one:
// - DynamoDB decrypts the table key as the caller when a connection first uses the table
//   (GenerateDataKey is the DynamoDB service's own, at table creation): AWS KMS developer guide,
//   "How Amazon DynamoDB uses AWS KMS", Decrypt.
// - SQS: producers need GenerateDataKey and Decrypt, consumers Decrypt (SQS developer guide, key
//   management); SNS publishers the same as SQS producers (SNS developer guide, encryption at rest);
//   Kinesis producers GenerateDataKey, consumers Decrypt (Kinesis developer guide, server-side
//   encryption permissions).
const DYNAMODB_DATA = ['GetItem', 'PutItem', 'UpdateItem', 'DeleteItem', 'ConditionCheckItem']
  .concat(['Query', 'Scan', 'BatchGetItem', 'BatchWriteItem'])
  .map((a) => `dynamodb:${a}`);
const KMS_ACTIONS: Readonly<Record<string, readonly string[]>> = {
  ...Object.fromEntries(DYNAMODB_DATA.map((action) => [action, ['kms:Decrypt']])),
  'sqs:SendMessage': ['kms:GenerateDataKey', 'kms:Decrypt'],
  'sqs:ReceiveMessage': ['kms:Decrypt'],
  'sns:Publish': ['kms:GenerateDataKey', 'kms:Decrypt'],
  'kinesis:PutRecord': ['kms:GenerateDataKey'],
  'kinesis:PutRecords': ['kms:GenerateDataKey'],
  'kinesis:GetRecords': ['kms:Decrypt'],
  // A table stream's records are encrypted with the table's key.
  'dynamodb:GetRecords': ['kms:Decrypt'],
};

/**
 * Evaluates each recorded call against the IAM policies the environment's templates give the
 * component that made it, and each KMS action the call needs against the key's policy too. One
 * result per component, action and resource, in the order first met.
 */
export async function evaluateCalls(
  calls: readonly RecordedCall[],
  assembly: Assembly,
  env: string,
): Promise<CallResult[]> {
  const stacks = environmentStacks(assembly, env);
  const resolver = new Resolver(stacks);
  const roles = new Map<string, ComponentRole | Error>();
  const roleOf = (component: string) => {
    let role = roles.get(component);
    if (!role) {
      try {
        role = componentRole(component, env, stacks, resolver);
      } catch (error) {
        role = error as Error;
      }
      roles.set(component, role);
    }
    return role;
  };
  const results = new Map<string, CallResult>();
  const record = async (
    result: Omit<CallResult, 'allowed' | 'problem'>,
    verdict: () => Promise<string | undefined> | string,
  ) => {
    const id = `${result.component} ${result.action} ${result.resource}`;
    if (results.has(id)) return;
    const problem = await verdict();
    results.set(id, { ...result, allowed: problem === undefined, ...(problem ? { problem } : {}) });
  };

  for (const { component, service, action, resources } of calls) {
    const role = roleOf(component);
    if (resources.length === 0)
      await record({ component, action, resource: '-' }, () => 'recorded without a resource');
    for (const recorded of resources) {
      const local = {
        component,
        action,
        resource: recorded.name + (recorded.index ? `/index/${recorded.index}` : ''),
      };
      if (role instanceof Error) {
        await record(local, () => role.message);
        continue;
      }
      let target;
      try {
        target = targetOf(recorded, env, role, stacks, resolver);
      } catch (error) {
        await record(local, () => (error as Error).message);
        continue;
      }
      const { arn, policy, key } = target;
      await record({ component, action, resource: arn }, () => check(role, action, arn, policy));
      if (!key) continue;
      // KMS sees the call as the caller's, made through the service.
      const via = {
        'kms:ViaService': `${service}.${role.region}.amazonaws.com`,
        'kms:CallerAccount': role.account,
      };
      for (const kmsAction of KMS_ACTIONS[action] ?? [])
        await record({ component, action: kmsAction, resource: key.arn, for: `${action} ${arn}` }, () =>
          check(role, kmsAction, key.arn, key.policy, via),
        );
    }
  }
  return [...results.values()];
}

/** One line per result, `ok` or `DENY` with why, then the count: what a build log shows. */
export function formatResults(results: readonly CallResult[], env: string): string {
  const lines = results.map((r) => {
    const line = `${r.allowed ? 'ok  ' : 'DENY'} ${r.component} ${r.action} ${r.resource}${r.for ? ` (for ${r.for})` : ''}`;
    return r.problem ? `${line}\n       ${r.problem}` : line;
  });
  const denied = results.filter((r) => !r.allowed).length;
  lines.push(`iam check (${env}): ${results.length - denied} allowed, ${denied} denied`);
  return lines.join('\n');
}
