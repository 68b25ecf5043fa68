import { INVENTORY_STREAM_ENV, localEnvironment } from '@shopeasy/resources';
import { awsClientConfig as kitClientConfig } from '@shopeasy/service-kit/aws';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { z } from 'zod';

const local = localEnvironment();

const schema = z.object({
  [INVENTORY_STREAM_ENV]: z.string().min(1),
  AWS_REGION: z.string().min(1),
  // Empty means no custom endpoint: real AWS, also from a laptop.
  AWS_ENDPOINT_URL: z.preprocess((v) => (v === '' ? undefined : v), z.url().optional()),
  /**
   * How many times a record a throttled Kinesis shard refuses is put, in one invocation, before
   * the batch is handed back to the event source to retry (about 1.5 s of back-off at 6).
   */
  PUT_ATTEMPTS: z.coerce.number().int().min(1).max(10).default(6),
});

/**
 * Local defaults (the emulator's) apply only outside Lambda, and not with `LOCAL_DEFAULTS=off`
 * (the local stack, which gives the runner the function's variables from its template): a deployed
 * function must name its stream, and never falls back to the emulator's endpoint.
 */
const localDefaults = {
  [INVENTORY_STREAM_ENV]: local.INVENTORY_STREAM,
  AWS_REGION: local.AWS_REGION,
  AWS_ENDPOINT_URL: local.AWS_ENDPOINT_URL,
};

export type CartEventsConfig = Readonly<z.output<typeof schema>>;

/** Reads the function's configuration once; fails naming each offending variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): CartEventsConfig {
  const cloud = Boolean(env.AWS_LAMBDA_FUNCTION_NAME) || env.LOCAL_DEFAULTS === 'off';
  const parsed = schema.safeParse(cloud ? env : { ...localDefaults, ...env });
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`Invalid cart-events configuration: ${issues}`);
  }
  return Object.freeze(parsed.data);
}

/**
 * The service kit's SDK client settings, over HTTP/1.1: Kinesis would default to HTTP/2, which the
 * local emulator does not speak, and PutRecords gains nothing from it.
 */
export function awsClientConfig(config: Pick<CartEventsConfig, 'AWS_REGION' | 'AWS_ENDPOINT_URL'>) {
  return { ...kitClientConfig(config), requestHandler: new NodeHttpHandler() };
}
