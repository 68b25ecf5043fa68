import {
  EVENTS_TOPIC_ENV,
  LOCAL_ACCOUNT,
  LOCAL_REGION,
  LOCAL_STAGE,
  QUEUE_ENV,
  QUEUE_IDS,
  localEnvironment,
  resourceNames,
  type LocalEnvironment,
} from '@shopeasy/resources';
import { createClients } from './clients.js';
import { createTable } from './creators/dynamodb.js';
import {
  createQueue,
  createQueuePolicy,
  createSubscription,
  createTopic,
  createTopicPolicy,
} from './creators/messaging.js';
import { createBucket, createBucketPolicy, createEmailIdentity, createStream } from './creators/storage.js';
import type { Creator } from './creators/types.js';
import { resolve, type ResourceAttributes } from './intrinsics.js';
import { cloudTemplates, dataTemplate } from './template-cache.js';
import { creationOrder, dependencies, type CloudTemplates, type Template } from './template.js';

// For '@shopeasy/local-aws/provision' callers: the templates, without loading aws-cdk-lib when cached.
export { cloudTemplates, dataTemplate };
export type { CloudTemplates, ResourceAttributes, Template };

/**
 * How each resource type of the data stack is created in the emulator. Types not listed are
 * skipped: KMS keys (the emulator does not need encryption at rest, and encryption settings that
 * name a key are left out everywhere), IAM roles and policies (the emulator does not enforce IAM).
 */
const CREATORS: Readonly<Record<string, Creator>> = {
  'AWS::DynamoDB::Table': createTable,
  'AWS::SQS::Queue': createQueue,
  'AWS::SQS::QueuePolicy': createQueuePolicy,
  'AWS::SNS::Topic': createTopic,
  'AWS::SNS::TopicPolicy': createTopicPolicy,
  'AWS::SNS::Subscription': createSubscription,
  'AWS::Kinesis::Stream': createStream,
  'AWS::S3::Bucket': createBucket,
  'AWS::S3::BucketPolicy': createBucketPolicy,
  'AWS::SES::EmailIdentity': createEmailIdentity,
};

export interface ProvisionOptions {
  readonly endpoint: string;
  readonly stage?: string;
  /** An already synthesized data-stack template; the CDK app's (see `dataTemplate`) when absent. */
  readonly template?: Template;
}

export interface ProvisionResult {
  readonly env: LocalEnvironment;
  /** Attributes (Ref, Arn, …) of every template resource, by logical id. */
  readonly attributes: ReadonlyMap<string, ResourceAttributes>;
  /** Logical ids of resources not created locally, with their type. */
  readonly skipped: ReadonlyMap<string, string>;
}

/** Creates every resource of the synthesized data stack in the emulator (create-if-missing). */
export async function provisionTemplate(options: ProvisionOptions): Promise<ProvisionResult> {
  const stage = options.stage ?? LOCAL_STAGE;
  const template = options.template ?? (await dataTemplate(stage));
  const { attributes, skipped } = await createResources(options.endpoint, template, `ShopEasyData-${stage}`);
  return { env: environment(stage, options.endpoint, template, attributes), attributes, skipped };
}

/**
 * Creates the resources of a template (or of part of one) in the emulator, each once those it
 * refers to exist and independent ones at the same time; returns their attributes by logical id.
 */
export async function createResources(
  endpoint: string,
  template: Template,
  stackName: string,
): Promise<Pick<ProvisionResult, 'attributes' | 'skipped'>> {
  const clients = createClients(endpoint, LOCAL_REGION);
  const attributes = new Map<string, ResourceAttributes>();
  const skipped = new Map<string, string>();
  const context = { account: LOCAL_ACCOUNT, region: LOCAL_REGION, stackName, attributes };
  const created = new Map<string, Promise<void>>();
  const create = (logicalId: string): Promise<void> => {
    const existing = created.get(logicalId);
    if (existing) return existing;
    const resource = template.Resources[logicalId]!;
    const done = Promise.all([...dependencies(resource)].map(create)).then(async () => {
      const creator = CREATORS[resource.Type];
      if (!creator) {
        skipped.set(logicalId, resource.Type);
        attributes.set(logicalId, placeholder(logicalId));
        return;
      }
      const props = resolve(resource.Properties ?? {}, context) as Record<string, unknown>;
      try {
        attributes.set(
          logicalId,
          await creator(props, { clients, account: LOCAL_ACCOUNT, region: LOCAL_REGION, logicalId }),
        );
      } catch (error) {
        throw new Error(`Could not create ${logicalId} (${resource.Type}): ${String(error)}`, {
          cause: error,
        });
      }
    });
    created.set(logicalId, done);
    return done;
  };
  try {
    // Every creation settles before the clients close; the first failure in creation order is reported.
    const results = await Promise.allSettled(creationOrder(template).map(create));
    const failed = results.find((r) => r.status === 'rejected');
    if (failed) throw failed.reason;
  } finally {
    clients.destroy();
  }
  return { attributes, skipped };
}

/** Provisions the data stack and returns the environment the services use, as the emulator reports it. */
export async function provision(options: ProvisionOptions): Promise<LocalEnvironment> {
  return (await provisionTemplate(options)).env;
}

/** Stand-in attributes for resources that exist only in the cloud (KMS keys, IAM). */
function placeholder(logicalId: string): ResourceAttributes {
  const arn = `arn:aws:local:${LOCAL_REGION}:${LOCAL_ACCOUNT}:skipped/${logicalId}`;
  return { Ref: logicalId, Arn: arn, KeyId: logicalId };
}

/** The computed local environment, with queue URLs and the topic ARN replaced by what the emulator answered. */
function environment(
  stage: string,
  endpoint: string,
  template: Template,
  attributes: ReadonlyMap<string, ResourceAttributes>,
): LocalEnvironment {
  const env: Record<string, string> = { ...localEnvironment(stage, { endpoint }) };
  const names = resourceNames(stage);
  const byType = (type: string) =>
    Object.entries(template.Resources)
      .filter(([, r]) => r.Type === type)
      .map(([id]) => attributes.get(id)!);
  const queues = new Map(byType('AWS::SQS::Queue').map((a) => [a.QueueName, a.QueueUrl!]));
  for (const id of QUEUE_IDS) {
    env[QUEUE_ENV[id].url] = required(queues.get(names.queues[id].name), names.queues[id].name);
    env[QUEUE_ENV[id].dlqUrl] = required(queues.get(names.queues[id].dlqName), names.queues[id].dlqName);
  }
  const topic = byType('AWS::SNS::Topic').find((a) => a.TopicName === names.eventsTopic);
  env[EVENTS_TOPIC_ENV] = required(topic?.TopicArn, names.eventsTopic);
  return Object.freeze(env as LocalEnvironment);
}

function required(value: string | undefined, name: string): string {
  if (!value) throw new Error(`The data stack template has no resource named ${name}`);
  return value;
}
