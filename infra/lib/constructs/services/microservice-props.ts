import type * as ec2 from 'aws-cdk-lib/aws-ec2';
import type * as ecs from 'aws-cdk-lib/aws-ecs';
import type * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import type { EnvironmentConfig } from '../../app/config.js';
import type { DataReferences } from '../../stacks/data-references.js';
import type { MicroserviceSpec } from './services.js';

/** What one microservice on Fargate is built from (its task and its service both read it). */
export interface MicroserviceProps {
  readonly config: EnvironmentConfig;
  readonly spec: MicroserviceSpec;
  readonly cluster: ecs.ICluster;
  readonly alb: elbv2.ApplicationLoadBalancer;
  readonly albSecurityGroup: ec2.ISecurityGroup;
  /** Certificate of the internal name (internal-domain.ts) the service's HTTPS listeners present. */
  readonly certificate: elbv2.ListenerCertificate;
  readonly data: DataReferences;
  readonly logsKey: kms.IKey;
  readonly secrets: Readonly<Record<string, secretsmanager.ISecret>>;
  /** Key the secrets are encrypted with; the execution role may decrypt through Secrets Manager only. */
  readonly secretsKey: kms.IKey;
  /** Non-secret variables (resource names, token checks) for the container. */
  readonly environment: Readonly<Record<string, string>>;
}
