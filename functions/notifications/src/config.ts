import { SES_FROM_ENV, TABLE_ENV, localEnvironment } from '@shopeasy/resources';
import { z } from 'zod';

const local = localEnvironment();

const schema = z.object({
  [SES_FROM_ENV]: z.email(),
  [TABLE_ENV.emails]: z.string().min(1),
  AWS_REGION: z.string().min(1),
  // Empty means no custom endpoint: real AWS, also from a laptop.
  AWS_ENDPOINT_URL: z.preprocess((v) => (v === '' ? undefined : v), z.url().optional()),
  /**
   * How long a claim on an email protects the attempt in flight. Longer than the function's
   * timeout (30 s), so a live attempt is never taken over; after it, a retry may send again.
   */
  CLAIM_LEASE_SECONDS: z.coerce.number().int().min(1).max(900).default(60),
  /** How long sent-email records are kept: longer than a message can live in queue plus DLQ. */
  EMAIL_RECORD_TTL_DAYS: z.coerce.number().int().min(1).max(365).default(30),
});

/**
 * Local defaults (the emulator's) apply only outside Lambda, and not with `LOCAL_DEFAULTS=off`
 * (the local stack, which gives the runner the function's variables from its template): a deployed
 * function must name its table and sender, and never falls back to the emulator's endpoint.
 */
const localDefaults = {
  [SES_FROM_ENV]: local.SES_FROM,
  [TABLE_ENV.emails]: local.EMAILS_TABLE,
  AWS_REGION: local.AWS_REGION,
  AWS_ENDPOINT_URL: local.AWS_ENDPOINT_URL,
};

export type NotificationsConfig = Readonly<z.output<typeof schema>>;

/** Reads the function's configuration once; fails naming each offending variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): NotificationsConfig {
  const cloud = Boolean(env.AWS_LAMBDA_FUNCTION_NAME) || env.LOCAL_DEFAULTS === 'off';
  const parsed = schema.safeParse(cloud ? env : { ...localDefaults, ...env });
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`Invalid notifications configuration: ${issues}`);
  }
  return Object.freeze(parsed.data);
}

/** SDK client settings; against an emulator, dummy credentials stand in when none are set. */
export function awsClientConfig(config: Pick<NotificationsConfig, 'AWS_REGION' | 'AWS_ENDPOINT_URL'>) {
  if (!config.AWS_ENDPOINT_URL) return { region: config.AWS_REGION };
  return {
    region: config.AWS_REGION,
    endpoint: config.AWS_ENDPOINT_URL,
    ...(process.env.AWS_ACCESS_KEY_ID
      ? {}
      : { credentials: { accessKeyId: 'test', secretAccessKey: 'test' } }),
  };
}
