import { resourcesOf, type Assembly, type Located } from './assembly.js';
import type { Resolver } from './intrinsics.js';
import type { ComponentRole } from './roles.js';

/** A resource as a call was recorded with it: named as the process named it, locally. */
export interface RecordedResource {
  type: string;
  name: string;
  index?: string;
}

/** A policy IAM evaluates besides the caller's, and how a denial names it. */
export interface ResourcePolicy {
  label: string;
  policy: unknown;
}

/** What a recorded resource is in the environment. */
export interface Target {
  arn: string;
  /** The queue's or topic's own policy, if it has one. */
  policy?: ResourcePolicy;
  /** The customer managed key it is encrypted with. */
  key?: { arn: string; policy: ResourcePolicy };
}

type Properties = Record<string, unknown>;
interface AttachedPolicy {
  type: string;
  /** The property of the policy that lists what it attaches to (by Ref). */
  listedIn: string;
}

interface Kind {
  type: string;
  /** The attributes that are its name and its ARN. */
  name: string;
  arn: string;
  key(p: Properties): unknown;
  policy?: AttachedPolicy;
}

// Each kind of recorded resource: the CloudFormation type, its name and ARN, its key, and the type
// of policy that attaches to it.
const KINDS: Readonly<Record<string, Kind>> = {
  // Without KMSMasterKeyId a KMS-encrypted table uses the AWS managed key aws/dynamodb.
  table: {
    type: 'AWS::DynamoDB::Table',
    name: 'Ref',
    arn: 'Arn',
    key: (p) => (p.SSESpecification as { KMSMasterKeyId?: unknown } | undefined)?.KMSMasterKeyId,
  },
  // A table's DynamoDB stream, recorded by its table's name; its records carry the table's key.
  'table-stream': {
    type: 'AWS::DynamoDB::Table',
    name: 'Ref',
    arn: 'StreamArn',
    key: (p) => (p.SSESpecification as { KMSMasterKeyId?: unknown } | undefined)?.KMSMasterKeyId,
  },
  queue: {
    type: 'AWS::SQS::Queue',
    name: 'QueueName',
    arn: 'Arn',
    key: (p) => p.KmsMasterKeyId,
    policy: { type: 'AWS::SQS::QueuePolicy', listedIn: 'Queues' },
  },
  topic: {
    type: 'AWS::SNS::Topic',
    name: 'TopicName',
    arn: 'TopicArn',
    key: (p) => p.KmsMasterKeyId,
    policy: { type: 'AWS::SNS::TopicPolicy', listedIn: 'Topics' },
  },
  stream: {
    type: 'AWS::Kinesis::Stream',
    name: 'Ref',
    arn: 'Arn',
    key: (p) => (p.StreamEncryption as { KeyId?: unknown } | undefined)?.KeyId,
  },
};

const label = (resource: Located) => `${resource.logicalId} (${resource.stack.name})`;

/** A local name, `shopeasy-local-<rest>`, as the environment names it: `shopeasy-<env>-<rest>`. */
export function environmentName(local: string, env: string): string {
  const rest = /^shopeasy-local-(.+)$/.exec(local)?.[1];
  if (!rest) throw new Error(`${local} is not a local ShopEasy resource (shopeasy-local-…)`);
  return `shopeasy-${env}-${rest}`;
}

function keyOf(reference: unknown, at: Located, stacks: Assembly, resolver: Resolver) {
  if (reference === undefined) return undefined;
  const id = resolver.text(reference, at.stack);
  // An AWS managed key (alias/aws/sqs, …) lets every principal of the account use it through the service.
  if (id.startsWith('alias/aws/')) return undefined;
  const key = resourcesOf(stacks, 'AWS::KMS::Key').find(
    (k) => resolver.attribute(k, 'Arn') === id || resolver.attribute(k, 'KeyId') === id,
  );
  if (!key) throw new Error(`its key ${id} is not in the assembly`);
  const policy = resolver.resolve(key.properties.KeyPolicy, key.stack);
  return {
    arn: resolver.attribute(key, 'Arn'),
    policy: { label: `the key policy of ${label(key)}`, policy },
  };
}

/** The environment's resource for a recorded one: its ARN, its own policy and its key. */
export function targetOf(
  recorded: RecordedResource,
  env: string,
  role: ComponentRole,
  stacks: Assembly,
  resolver: Resolver,
): Target {
  if (recorded.type === 'identity') {
    // The process sends as its environment's sender, not as the local one it was recorded with.
    if (!role.sesFrom) throw new Error(`no SES_FROM in its ${env} template: its sender is unknown`);
    const identity = recorded.name.includes('@') ? role.sesFrom : role.sesFrom.split('@')[1];
    return { arn: `arn:aws:ses:${role.region}:${role.account}:identity/${identity}` };
  }
  const kind = KINDS[recorded.type];
  if (!kind) throw new Error(`a ${recorded.type} is not a resource the IAM check knows`);
  const name = environmentName(recorded.name, env);
  const resource = resourcesOf(stacks, kind.type).find((r) => resolver.attribute(r, kind.name) === name);
  if (!resource) throw new Error(`no ${recorded.type} ${name} in the ${env} assembly`);
  const arn = resolver.attribute(resource, kind.arn);
  const key = keyOf(kind.key(resource.properties), resource, stacks, resolver);
  const attached = kind.policy && attachedPolicy(resource, kind.policy, stacks, resolver);
  return {
    arn: recorded.index ? `${arn}/index/${recorded.index}` : arn,
    ...(attached ? { policy: attached } : {}),
    ...(key ? { key } : {}),
  };
}

function attachedPolicy(
  resource: Located,
  { type, listedIn }: AttachedPolicy,
  stacks: Assembly,
  resolver: Resolver,
): ResourcePolicy | undefined {
  const ref = resolver.attribute(resource, 'Ref');
  const attached = resourcesOf(stacks, type).find((p) =>
    (resolver.resolve(p.properties[listedIn], p.stack) as unknown[]).includes(ref),
  );
  if (!attached) return undefined;
  const policy = resolver.resolve(attached.properties.PolicyDocument, attached.stack);
  return { label: `the policy of ${label(attached)}`, policy };
}
