import { RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import type { Construct } from 'constructs';
import { namePrefix, type EnvironmentConfig } from '../app/config.js';

export interface AlertsStackProps extends StackProps {
  readonly config: EnvironmentConfig;
}

/** The operations topic every alarm notifies; deployed first so any stack can alarm into it. */
export class AlertsStack extends Stack {
  public readonly topic: sns.Topic;
  public readonly key: kms.Key;

  constructor(scope: Construct, id: string, props: AlertsStackProps) {
    super(scope, id, props);
    this.key = new kms.Key(this, 'AlertsKey', {
      description: `ShopEasy ${props.config.name} operations alerts`,
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    // CloudWatch alarms publish to the encrypted topic, so the service needs the key.
    this.key.grant(
      new iam.ServicePrincipal('cloudwatch.amazonaws.com'),
      'kms:Decrypt',
      'kms:GenerateDataKey*',
    );
    this.topic = new sns.Topic(this, 'OpsTopic', {
      topicName: `${namePrefix(props.config)}-ops-alerts`,
      displayName: `ShopEasy ${props.config.name} operations`,
      masterKey: this.key,
      enforceSSL: true,
    });
    this.topic.addToResourcePolicy(
      new iam.PolicyStatement({
        principals: [new iam.ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['sns:Publish'],
        resources: [this.topic.topicArn],
        conditions: { StringEquals: { 'aws:SourceAccount': this.account } },
      }),
    );
    this.topic.addSubscription(new subscriptions.EmailSubscription(props.config.alarmEmail));
  }
}
