import { CustomResource, Duration, Stack } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import type * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import type * as nodejs from 'aws-cdk-lib/aws-lambda-nodejs';
import type * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import type * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { namePrefix, type EnvironmentConfig } from '../../app/config.js';
import { opsFunction } from './ops-function.js';
import { RUNBOOK_PREFIX } from '../monitoring/service-monitor.js';

/** Days between automatic rotations of the JWT signing key. */
export const SIGNING_KEY_ROTATION_DAYS = 30;

export interface SigningKeyProps {
  readonly config: EnvironmentConfig;
  /** The `jwt-signing-key` secret; its value is written here, never in the template. */
  readonly secret: secretsmanager.Secret;
  readonly vpc: ec2.IVpc;
  readonly logsKey: kms.IKey;
  /** How often every users task re-reads the set: a rotation waits until all have read the current one. */
  readonly refreshSeconds: number;
  readonly alarmTopic: sns.ITopic;
}

/**
 * The users service's signing key (functions/signing-key-set.ts): generated into the secret by a
 * custom resource when the stack creates it, so the first deployment starts with a real ES256
 * key, and rotated every SIGNING_KEY_ROTATION_DAYS by a rotation function that promotes the key
 * every task already publishes; running tasks re-read the set, so none needs replacing.
 */
export class SigningKey extends Construct {
  public readonly generator: nodejs.NodejsFunction;
  public readonly rotation: nodejs.NodejsFunction;
  /** Deploy the users service after this: its tasks read the key at start (and again every refresh interval). */
  public readonly resource: CustomResource;
  public readonly rotationAlarm: cloudwatch.Alarm;

  constructor(scope: Construct, id: string, props: SigningKeyProps) {
    super(scope, id);
    const { config, secret } = props;
    // A CloudFormation-generated password is not a key: the secret starts empty, the generator fills it.
    (secret.node.defaultChild as secretsmanager.CfnSecret).addPropertyDeletionOverride(
      'GenerateSecretString',
    );

    this.generator = opsFunction(this, 'Generator', {
      config,
      name: 'signing-key-generator',
      description:
        'Custom resource: writes a new ES256 signing key set into an empty jwt-signing-key secret; fails on one it cannot read',
      entry: 'infra/lib/functions/signing-key-resource.ts',
      vpc: props.vpc,
      logsKey: props.logsKey,
      timeout: Duration.minutes(1),
    });
    secret.grantRead(this.generator);
    secret.grantWrite(this.generator);
    this.resource = new CustomResource(this, 'Resource', {
      serviceToken: this.generator.functionArn,
      resourceType: 'Custom::SigningKey',
      properties: { SecretId: secret.secretArn },
    });

    this.rotation = opsFunction(this, 'Rotation', {
      config,
      name: 'signing-key-rotation',
      description:
        'Rotates the jwt-signing-key secret: promotes the published next key, publishes the one it replaces',
      entry: 'infra/lib/functions/signing-key-rotation.ts',
      vpc: props.vpc,
      logsKey: props.logsKey,
      timeout: Duration.minutes(1),
      environment: { SIGNING_KEY_REFRESH_SECONDS: String(props.refreshSeconds) },
    });
    const schedule = secret.addRotationSchedule('Rotation', {
      rotationLambda: this.rotation,
      automaticallyAfter: Duration.days(SIGNING_KEY_ROTATION_DAYS),
      // The generator has just written a key; the first rotation waits for the schedule.
      rotateImmediatelyOnUpdate: false,
    });
    schedule.node.addDependency(this.resource);
    // The invoke permission the schedule grants Secrets Manager, held to this account's secrets.
    for (const child of this.rotation.node.children) {
      if (child instanceof lambda.CfnPermission && child.principal === 'secretsmanager.amazonaws.com') {
        child.sourceAccount = Stack.of(this).account;
      }
    }
    this.rotation.addToRolePolicy(
      new iam.PolicyStatement({
        actions: ['secretsmanager:ListSecretVersionIds'],
        resources: [secret.secretArn],
      }),
    );

    this.rotationAlarm = new cloudwatch.Alarm(this, 'RotationFailed', {
      alarmName: `${namePrefix(config)}-signing-key-rotation-failed`,
      alarmDescription: `A rotation of the JWT signing key failed; the current key stays in use. ${RUNBOOK_PREFIX}secret-rotation.md`,
      metric: this.rotation.metricErrors({ period: Duration.minutes(5), statistic: 'Sum' }),
      threshold: 0,
      evaluationPeriods: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
    this.rotationAlarm.addAlarmAction(new actions.SnsAction(props.alarmTopic));
    this.rotationAlarm.addOkAction(new actions.SnsAction(props.alarmTopic));
  }
}
