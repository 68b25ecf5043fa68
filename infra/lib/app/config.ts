import type { Node } from 'constructs';

export const ENVIRONMENT_NAMES = ['dev', 'staging', 'prod'] as const;
export type EnvironmentName = (typeof ENVIRONMENT_NAMES)[number];

/** One environment's settings, from the `shopeasy:environments` context in cdk.context.json. */
export interface EnvironmentConfig {
  readonly name: EnvironmentName;
  readonly account: string;
  readonly region: string;
  /** Region that receives S3 replicas and backup copies. */
  readonly drRegion: string;
  /** Named explicitly so that synthesis never looks them up in an account. */
  readonly availabilityZones: readonly string[];
  readonly vpcCidr: string;
  readonly natGateways: number;
  /** Every service's task size and scaling, unless `services` says otherwise for one of them. */
  readonly service: ServiceSizing;
  /**
   * Per-service changes to `service`, sized from the capacity model (`npm run capacity`;
   * confluence-docs/operations/capacity.md says what to raise for the next 10×).
   */
  readonly services?: Readonly<Partial<Record<string, Partial<ServiceSizing>>>>;
  readonly deployment: 'all-at-once' | 'linear' | 'canary';
  /** Provisioned shards of the inventory stream; the resource list's count when absent. */
  readonly inventoryStreamShards?: number;
  readonly api: {
    rateLimit: number;
    burstLimit: number;
    quotaPerDay: number;
    wafRequestsPer5Min: number;
    /**
     * Source ranges (CIDR) of partners whose own X-Ray trace (`X-Amzn-Trace-Id`) the API continues;
     * from anyone else the header is refused at the WAF. None by default.
     */
    traceHeaderPartnerCidrs?: readonly string[];
  };
  readonly logRetentionDays: number;
  /**
   * What deleting the environment's stacks does to its data: `destroy` (dev) deletes tables,
   * buckets, keys, log groups and the backup vault with the stacks, so the environment can be torn
   * down and built again (infra/README.md, "Tearing down dev"); `retain` (staging, prod) keeps
   * them and turns on deletion protection.
   */
  readonly teardown: 'destroy' | 'retain';
  /**
   * A separate account whose compliance-locked vault receives a copy of every recovery point, so
   * that nobody holding this account can delete them all; required where `teardown` is `retain`.
   */
  readonly backupAccount?: string;
  readonly alarmEmail: string;
  /** The users service creates this admin account at start-up (password in Secrets Manager). */
  readonly adminEmail: string;
  /** Orders' payment provider: `stripe`, or `sandbox` where no real payment may happen. */
  readonly paymentProvider: 'sandbox' | 'stripe';
  readonly sesFrom: string;
  readonly tokenIssuer: string;
  readonly tokenAudience: string;
  /** The API's public host name, served with an ACM certificate under TLS 1.2 (the execute-api endpoint is off). */
  readonly apiDomainName: string;
  /** The public Route 53 zone the API's name and its certificate validation records go in. */
  readonly hostedZoneName: string;
  readonly hostedZoneId: string;
  /** Image tag deployed for every service (a git commit); `-c imageTag=<sha>`, required. */
  readonly imageTag: string;
}

/** One service's Fargate task and its scaling bounds. */
export interface ServiceSizing {
  readonly cpu: number;
  readonly memoryMiB: number;
  readonly minTasks: number;
  readonly maxTasks: number;
  /**
   * Requests per task per minute that target tracking holds (ALBRequestCountPerTarget): what one
   * task serves at the CPU target, from the CPU per request the load run measured.
   */
  readonly requestsPerTaskPerMinute: number;
}

/** The sizing of one service: the environment's default with its own changes on top. */
export function serviceSizing(config: EnvironmentConfig, service: string): ServiceSizing {
  return { ...config.service, ...config.services?.[service] };
}

export const ENVIRONMENTS_CONTEXT_KEY = 'shopeasy:environments';
/** The image tag of a synthesis that only checks templates (tests, `npm run synth`); never deployed. */
export const CHECK_IMAGE_TAG = 'synth-check';

/** Environments selected by `-c env=<name>` (comma-separated allowed); all of them by default. */
export function selectedEnvironments(node: Node): EnvironmentConfig[] {
  const raw = node.tryGetContext('env') as string | undefined;
  const names = raw ? raw.split(',').map((n) => n.trim()) : [...ENVIRONMENT_NAMES];
  return names.map((name) => environmentConfig(node, name));
}

/** The settings of one environment; fails naming what is missing or wrong. */
export function environmentConfig(node: Node, name: string): EnvironmentConfig {
  if (!(ENVIRONMENT_NAMES as readonly string[]).includes(name)) {
    throw new Error(`Unknown environment "${name}"; expected one of ${ENVIRONMENT_NAMES.join(', ')}`);
  }
  const all = node.tryGetContext(ENVIRONMENTS_CONTEXT_KEY) as Record<string, unknown> | undefined;
  const value = all?.[name] as Partial<EnvironmentConfig> | undefined;
  if (!value)
    throw new Error(`Context ${ENVIRONMENTS_CONTEXT_KEY}.${name} is missing (infra/cdk.context.json)`);
  for (const key of REQUIRED_KEYS) {
    if (value[key] === undefined)
      throw new Error(`Context ${ENVIRONMENTS_CONTEXT_KEY}.${name}.${key} is missing`);
  }
  if (!/^\d{12}$/.test(String(value.account))) {
    throw new Error(`Context ${ENVIRONMENTS_CONTEXT_KEY}.${name}.account must be a 12-digit account id`);
  }
  if ((value.availabilityZones?.length ?? 0) < 2) {
    throw new Error(`Context ${ENVIRONMENTS_CONTEXT_KEY}.${name}.availabilityZones needs at least two zones`);
  }
  const zone = String(value.hostedZoneName);
  if (value.apiDomainName !== zone && !String(value.apiDomainName).endsWith(`.${zone}`)) {
    throw new Error(
      `Context ${ENVIRONMENTS_CONTEXT_KEY}.${name}.apiDomainName must be in hostedZoneName ${zone}`,
    );
  }
  if (value.teardown !== 'destroy' && value.teardown !== 'retain') {
    throw new Error(`Context ${ENVIRONMENTS_CONTEXT_KEY}.${name}.teardown must be "destroy" or "retain"`);
  }
  if (value.backupAccount !== undefined || value.teardown === 'retain') {
    if (!/^\d{12}$/.test(String(value.backupAccount)) || value.backupAccount === value.account)
      throw new Error(
        `Context ${ENVIRONMENTS_CONTEXT_KEY}.${name}.backupAccount must be a 12-digit account id other than account`,
      );
  }
  // Without it, the services would point at an image that does not exist, and CloudFormation
  // would wait hours for tasks that can never start.
  for (const [service, sizing] of Object.entries({ '': value.service, ...value.services })) {
    const at = `${ENVIRONMENTS_CONTEXT_KEY}.${name}.${service ? `services.${service}` : 'service'}`;
    for (const [key, number] of Object.entries(sizing ?? {})) {
      if (!Number.isInteger(number) || (number as number) <= 0)
        throw new Error(`Context ${at}.${key} must be a positive whole number`);
    }
  }
  const shards = value.inventoryStreamShards;
  if (shards !== undefined && (!Number.isInteger(shards) || shards < 1 || shards > 500)) {
    throw new Error(
      `Context ${ENVIRONMENTS_CONTEXT_KEY}.${name}.inventoryStreamShards must be a whole number from 1 to 500`,
    );
  }
  if (!(value.service?.requestsPerTaskPerMinute ?? 0)) {
    throw new Error(
      `Context ${ENVIRONMENTS_CONTEXT_KEY}.${name}.service.requestsPerTaskPerMinute is missing`,
    );
  }
  const imageTag = node.tryGetContext('imageTag') as string | undefined;
  if (!imageTag?.trim()) {
    throw new Error(
      `Context imageTag is missing: -c imageTag=<the commit whose images the pipeline built> (-c imageTag=${CHECK_IMAGE_TAG} to check templates only)`,
    );
  }
  return Object.freeze({ ...(value as EnvironmentConfig), name: name as EnvironmentName, imageTag });
}

const REQUIRED_KEYS = [
  'account',
  'region',
  'drRegion',
  'availabilityZones',
  'vpcCidr',
  'natGateways',
  'service',
  'deployment',
  'api',
  'logRetentionDays',
  'teardown',
  'alarmEmail',
  'adminEmail',
  'paymentProvider',
  'sesFrom',
  'tokenIssuer',
  'tokenAudience',
  'apiDomainName',
  'hostedZoneName',
  'hostedZoneId',
] as const satisfies readonly (keyof EnvironmentConfig)[];

/** `shopeasy-dev`: the prefix of every physical name in an environment. */
export function namePrefix(config: EnvironmentConfig): string {
  return `shopeasy-${config.name}`;
}

/** `ShopEasy-Dev`: the prefix of every stack name in an environment. */
export function stackPrefix(config: EnvironmentConfig): string {
  return `ShopEasy-${config.name.charAt(0).toUpperCase()}${config.name.slice(1)}`;
}

/**
 * The ADOT collector Lambda layer: an extension that takes a function's OTLP on localhost:4318 and
 * sends its spans to X-Ray. AWS publishes it from account 901920570463 in each region it supports,
 * as `aws-otel-collector-<amd64|arm64>-ver-<collector version>:<layer version>` (the versions are
 * listed at https://aws-otel.github.io/docs/getting-started/lambda and in the releases of
 * aws-observability/aws-otel-lambda). ShopEasy's functions run on x86_64, hence amd64.
 */
const ADOT_COLLECTOR_LAYER = {
  account: '901920570463',
  name: 'aws-otel-collector-amd64-ver-0-117-0',
  version: 1,
};

/** The ADOT collector layer's ARN in one region. */
export function adotCollectorLayerArn(region: string): string {
  const { account, name, version } = ADOT_COLLECTOR_LAYER;
  return `arn:aws:lambda:${region}:${account}:layer:${name}:${version}`;
}
