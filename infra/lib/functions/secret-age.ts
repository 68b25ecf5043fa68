import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import { ListSecretVersionIdsCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SECRET_AGE_METRIC } from './secret-age-metric.js';
import type { SecretsApi } from './secrets.js';

const DAY_MS = 24 * 3600 * 1000;
const logger = new Logger({ serviceName: SECRET_AGE_METRIC.service });

/**
 * Whole days since each secret's current value was written: the AWSCURRENT version's creation,
 * which a change of description, tags or rotation settings does not move.
 */
export async function secretAges(
  secrets: SecretsApi,
  secretNames: readonly string[],
  now = new Date(),
): Promise<Record<string, number>> {
  const ages: Record<string, number> = {};
  for (const name of secretNames) {
    const { Versions = [] } = await secrets.send(new ListSecretVersionIdsCommand({ SecretId: name }));
    const written = Versions.find((v) => v.VersionStages?.includes('AWSCURRENT'))?.CreatedDate;
    if (!written) throw new Error(`${name} has no current value`);
    ages[name] = Math.floor((now.getTime() - written.getTime()) / DAY_MS);
  }
  return ages;
}

/** Daily: one age datapoint per secret that operations rotate by hand, as embedded-metric logs. */
export async function handler(): Promise<void> {
  const names = JSON.parse(process.env.SECRET_NAMES ?? '[]') as string[];
  const ages = await secretAges(new SecretsManagerClient({}), names);
  const { namespace, service, secretDimension, name: metricName } = SECRET_AGE_METRIC;
  const metrics = new Metrics({ namespace, serviceName: service });
  for (const [name, days] of Object.entries(ages)) {
    // One datapoint per secret, each with its own dimension value.
    const single = metrics.singleMetric();
    single.addDimension(secretDimension, name);
    single.addMetric(metricName, MetricUnit.Count, days);
  }
  logger.info('secret ages', { ages });
}
