/** Stage used on laptops and in CI against the local AWS emulator. */
export const LOCAL_STAGE = 'local';
/** Account id the local emulator answers with (moto's default). */
export const LOCAL_ACCOUNT = '123456789012';
export const LOCAL_REGION = 'us-east-1';
/** Where the local AWS emulator listens by default. */
export const LOCAL_ENDPOINT = 'http://127.0.0.1:4566';
/** Default SES sender identity; override per environment. */
export const DEFAULT_SES_FROM = 'no-reply@shopeasy.example';

export const TABLE_IDS = ['users', 'catalog', 'cart', 'orders', 'feedback', 'emails'] as const;
export type TableId = (typeof TABLE_IDS)[number];

export const QUEUE_IDS = ['feedbackReviews', 'notifications', 'catalogEvents'] as const;
export type QueueId = (typeof QUEUE_IDS)[number];

/** Physical names of every resource of one stage. */
export interface ResourceNames {
  readonly stage: string;
  readonly tables: Readonly<Record<TableId, string>>;
  readonly eventsTopic: string;
  readonly queues: Readonly<Record<QueueId, { readonly name: string; readonly dlqName: string }>>;
  readonly inventoryStream: string;
  /** Bucket names are global, so they carry account and region. */
  readonly assetsBucket: string;
  readonly accessLogsBucket: string;
  readonly sesFrom: string;
}

export interface NameOptions {
  /** Account id; in CDK pass `stack.account` (a token is fine). Defaults to the local account. */
  readonly account?: string;
  /** Region; in CDK pass `stack.region`. Defaults to the local region. */
  readonly region?: string;
  readonly sesFrom?: string;
}

const STAGE_PATTERN = /^[a-z][a-z0-9-]{0,15}$/;

const queueSlugs: Record<QueueId, string> = {
  feedbackReviews: 'feedback-reviews',
  notifications: 'notifications',
  catalogEvents: 'catalog-events',
};

/** Physical resource names for a stage, e.g. `shopeasy-local-users`. */
export function resourceNames(stage: string, options: NameOptions = {}): ResourceNames {
  if (!STAGE_PATTERN.test(stage)) {
    throw new Error(`Invalid stage "${stage}": use 1-16 lowercase letters, digits or dashes`);
  }
  const account = options.account ?? LOCAL_ACCOUNT;
  const region = options.region ?? LOCAL_REGION;
  const prefix = `shopeasy-${stage}`;
  const tables = Object.fromEntries(TABLE_IDS.map((id) => [id, `${prefix}-${id}`])) as Record<
    TableId,
    string
  >;
  const queues = Object.fromEntries(
    QUEUE_IDS.map((id) => [
      id,
      { name: `${prefix}-${queueSlugs[id]}`, dlqName: `${prefix}-${queueSlugs[id]}-dlq` },
    ]),
  ) as Record<QueueId, { name: string; dlqName: string }>;
  return {
    stage,
    tables,
    eventsTopic: `${prefix}-events`,
    queues,
    inventoryStream: `${prefix}-inventory`,
    assetsBucket: `${prefix}-assets-${account}-${region}`,
    accessLogsBucket: `${prefix}-access-logs-${account}-${region}`,
    sesFrom: options.sesFrom ?? DEFAULT_SES_FROM,
  };
}
