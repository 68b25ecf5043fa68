import {
  LOCAL_ACCOUNT,
  LOCAL_ENDPOINT,
  LOCAL_REGION,
  LOCAL_STAGE,
  QUEUE_IDS,
  TABLE_IDS,
  resourceNames,
  type NameOptions,
  type QueueId,
  type TableId,
} from './names.js';

/** Environment variable naming each table. */
export const TABLE_ENV = {
  users: 'USERS_TABLE',
  catalog: 'CATALOG_TABLE',
  cart: 'CART_TABLE',
  orders: 'ORDERS_TABLE',
  feedback: 'FEEDBACK_TABLE',
  emails: 'EMAILS_TABLE',
} as const satisfies Record<TableId, string>;

/** Environment variables holding each queue's URL and its dead-letter queue's URL. */
export const QUEUE_ENV = {
  feedbackReviews: { url: 'FEEDBACK_QUEUE_URL', dlqUrl: 'FEEDBACK_DLQ_URL' },
  notifications: { url: 'NOTIFICATIONS_QUEUE_URL', dlqUrl: 'NOTIFICATIONS_DLQ_URL' },
  catalogEvents: { url: 'CATALOG_EVENTS_QUEUE_URL', dlqUrl: 'CATALOG_EVENTS_DLQ_URL' },
} as const satisfies Record<QueueId, { url: string; dlqUrl: string }>;

export const EVENTS_TOPIC_ENV = 'EVENTS_TOPIC_ARN';
export const INVENTORY_STREAM_ENV = 'INVENTORY_STREAM';
export const ASSETS_BUCKET_ENV = 'ASSETS_BUCKET';
export const SES_FROM_ENV = 'SES_FROM';

type TableEnvKey = (typeof TABLE_ENV)[TableId];
type QueueEnvKey = (typeof QUEUE_ENV)[QueueId]['url' | 'dlqUrl'];
export type ResourceEnvKey =
  | TableEnvKey
  | QueueEnvKey
  | typeof EVENTS_TOPIC_ENV
  | typeof INVENTORY_STREAM_ENV
  | typeof ASSETS_BUCKET_ENV
  | typeof SES_FROM_ENV;

/** Where each resource is, as the services read it from their environment. */
export type ResourceEnvironment = Readonly<Record<ResourceEnvKey, string>>;

/** Resource variables plus what the AWS SDK needs to reach the local emulator. */
export type LocalEnvironment = ResourceEnvironment &
  Readonly<{
    AWS_REGION: string;
    AWS_ENDPOINT_URL: string;
    AWS_ACCESS_KEY_ID: string;
    AWS_SECRET_ACCESS_KEY: string;
  }>;

export interface TargetOptions extends NameOptions {
  /** Custom endpoint (emulator, LocalStack). Without one, real AWS URLs are built. */
  readonly endpoint?: string;
}

/** SQS queue URL as AWS (or an emulator at `endpoint`) spells it. */
export function queueUrl(name: string, account: string, region: string, endpoint?: string): string {
  const base = endpoint ? endpoint.replace(/\/+$/, '') : `https://sqs.${region}.amazonaws.com`;
  return `${base}/${account}/${name}`;
}

/** Resource variables for a stage in any account and region (emulator, LocalStack or AWS). */
export function resourceEnvironment(stage: string, options: TargetOptions = {}): ResourceEnvironment {
  const account = options.account ?? LOCAL_ACCOUNT;
  const region = options.region ?? LOCAL_REGION;
  const names = resourceNames(stage, { ...options, account, region });
  const env: Record<string, string> = {};
  for (const id of TABLE_IDS) env[TABLE_ENV[id]] = names.tables[id];
  for (const id of QUEUE_IDS) {
    const q = names.queues[id];
    env[QUEUE_ENV[id].url] = queueUrl(q.name, account, region, options.endpoint);
    env[QUEUE_ENV[id].dlqUrl] = queueUrl(q.dlqName, account, region, options.endpoint);
  }
  env[EVENTS_TOPIC_ENV] = `arn:aws:sns:${region}:${account}:${names.eventsTopic}`;
  env[INVENTORY_STREAM_ENV] = names.inventoryStream;
  env[ASSETS_BUCKET_ENV] = names.assetsBucket;
  env[SES_FROM_ENV] = names.sesFrom;
  return Object.freeze(env as ResourceEnvironment);
}

/**
 * The environment the services use against the local AWS emulator: resource variables,
 * region, endpoint and the emulator's dummy credentials.
 */
export function localEnvironment(stage: string = LOCAL_STAGE, options: TargetOptions = {}): LocalEnvironment {
  const endpoint = options.endpoint ?? LOCAL_ENDPOINT;
  const region = options.region ?? LOCAL_REGION;
  return Object.freeze({
    ...resourceEnvironment(stage, { ...options, region, endpoint }),
    AWS_REGION: region,
    AWS_ENDPOINT_URL: endpoint,
    AWS_ACCESS_KEY_ID: 'test',
    AWS_SECRET_ACCESS_KEY: 'test',
  });
}
