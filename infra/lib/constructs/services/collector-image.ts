import { Stack } from 'aws-cdk-lib';
import * as ecr from 'aws-cdk-lib/aws-ecr';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as iam from 'aws-cdk-lib/aws-iam';
import type { Construct } from 'constructs';
import { namePrefix, type EnvironmentConfig } from '../../app/config.js';
import { COLLECTOR_IMAGE } from '../monitoring/telemetry.js';

const UPSTREAM = 'public.ecr.aws';

/** `shopeasy-<env>-ecr-public`: where ECR caches public images, so tasks pull them through the VPC endpoints. */
export function ecrPublicCachePrefix(config: EnvironmentConfig): string {
  return `${namePrefix(config)}-ecr-public`;
}

/** ECR's pull-through cache of ECR Public: ECR fetches upstream itself; tasks never leave the VPC. */
export function addEcrPublicCache(scope: Construct, config: EnvironmentConfig): ecr.CfnPullThroughCacheRule {
  return new ecr.CfnPullThroughCacheRule(scope, 'EcrPublicCache', {
    ecrRepositoryPrefix: ecrPublicCachePrefix(config),
    upstreamRegistryUrl: UPSTREAM,
  });
}

/**
 * The ADOT collector (COLLECTOR_IMAGE, pinned) through the pull-through cache. The first pull
 * creates the cached repository, so the execution role may create and import into it.
 */
export function collectorImage(
  scope: Construct,
  config: EnvironmentConfig,
  executionRole: iam.IRole,
): ecs.ContainerImage {
  const [path, tag] = COLLECTOR_IMAGE.slice(`${UPSTREAM}/`.length).split(':');
  const repository = ecr.Repository.fromRepositoryName(
    scope,
    'CollectorRepository',
    `${ecrPublicCachePrefix(config)}/${path}`,
  );
  const { account, region, partition } = Stack.of(scope);
  executionRole.addToPrincipalPolicy(
    new iam.PolicyStatement({
      actions: ['ecr:CreateRepository', 'ecr:BatchImportUpstreamImage'],
      resources: [
        `arn:${partition}:ecr:${region}:${account}:repository/${ecrPublicCachePrefix(config)}/${path}`,
      ],
    }),
  );
  return ecs.ContainerImage.fromEcrRepository(repository, tag);
}
