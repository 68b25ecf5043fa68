import { checkovSkip } from './checkov.js';
import { ack, acceptFunction, ackPciAndNist, arnRef } from './nag-ack.js';
import type { EnvironmentStacks } from '../app/environment-stacks.js';

/** Acknowledged findings of the DR region, the network and the data stack's log bucket. */
export function acknowledgeNetworkFindings(stacks: EnvironmentStacks): void {
  const { dr, network } = stacks;
  const replication = dr.node.findChild('ReplicationRole').node.findChild('DefaultPolicy');
  ack(
    replication,
    `AwsSolutions-IAM5[Resource::${dr.sourceBucketArn}/*]`,
    'S3 replication reads every object version of the assets bucket',
  );
  ack(
    replication,
    `AwsSolutions-IAM5[Resource::${arnRef(dr.replicaBucket)}/*]`,
    'S3 replication writes a replica of every object version',
  );
  ack(
    replication,
    `AwsSolutions-IAM5[Resource::arn:aws:kms:${stacks.data.region}:${stacks.data.account}:key/*]`,
    "The source key is in the primary region's data stack; kms:ViaService and the bucket's encryption context limit it to the assets bucket",
  );
  ackPciAndNist(
    replication,
    'IAMNoInlinePolicy',
    'Policy of the replication role only, scoped to the two buckets and their keys',
  );
  ackPciAndNist(
    dr.replicaBucket,
    'S3BucketReplicationEnabled',
    'This bucket is the DR replica of the assets bucket',
  );
  const replicaLogs = dr.node.findChild('ReplicaLogsBucket');
  ackPciAndNist(
    replicaLogs,
    'S3BucketReplicationEnabled',
    'Access logs of the DR replica stay in the DR region for audit',
  );
  ackPciAndNist(
    replicaLogs,
    'S3DefaultEncryptionKMS',
    'S3 server access logging only delivers to SSE-S3 buckets',
  );
  checkovSkip(
    replicaLogs,
    'CKV_AWS_18',
    'This is the access-log destination; logging it into itself would loop',
  );
  checkovSkip(
    stacks.data.accessLogsBucket,
    'CKV_AWS_18',
    'This is the access-log destination; logging it into itself would loop',
  );

  for (const subnet of network.vpc.publicSubnets) {
    ackPciAndNist(
      subnet.node.findChild('DefaultRoute'),
      'VPCNoUnrestrictedRouteToIGW',
      'Public subnets hold only the NAT gateways; tasks, functions and load balancers run in private subnets',
    );
  }
  ackPciAndNist(
    network.vpc.node.findChild('FlowLog').node.findChild('IAMRole').node.findChild('DefaultPolicy'),
    'IAMNoInlinePolicy',
    'Flow-log delivery role; its policy writes only to the flow-log group',
  );

  const restrictDefaultSg = network.node
    .tryFindChild('Custom::VpcRestrictDefaultSGCustomResourceProvider')
    ?.node.tryFindChild('Handler');
  for (const [id, reason] of [
    [
      'CKV_AWS_116',
      'CDK custom resource provider; CloudFormation invokes it synchronously and reports failures',
    ],
    ['CKV_AWS_115', 'CDK custom resource provider; runs only during deployments that change the VPC'],
    [
      'CKV_AWS_117',
      'CDK custom resource provider; it calls only the EC2 API to close the default security group',
    ],
  ]) {
    checkovSkip(restrictDefaultSg, id!, reason!);
  }
  acknowledgePrefixListLookups(network);
}

/** The deployment-time lookups of the S3 and DynamoDB prefix lists (vpc-endpoints.ts). */
function acknowledgePrefixListLookups(network: EnvironmentStacks['network']): void {
  const endpoints = network.node.findChild('Endpoints');
  for (const id of ['S3PrefixList', 'DynamoDbPrefixList']) {
    const policy = endpoints.node.findChild(id).node.findChild('CustomResourcePolicy');
    ack(
      policy,
      'AwsSolutions-IAM5[Resource::*]',
      'ec2:DescribeManagedPrefixLists has no resource-level permissions',
    );
    ackPciAndNist(
      policy,
      'IAMNoInlinePolicy',
      'Policy of the prefix-list lookup only: one read-only EC2 call',
    );
  }
  const provider = network.node.findChild(LOOKUP_PROVIDER);
  ack(
    provider.node.findChild('ServiceRole'),
    'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
    "CDK's AwsCustomResource provider; the AWS-managed policy lets it write only its own logs",
  );
  ackPciAndNist(
    provider,
    'LambdaInsideVPC',
    'Runs during deployments only, to read the ids of AWS-managed prefix lists from the EC2 API; it reaches no ShopEasy data',
  );
  acceptFunction(
    provider,
    'deadLetter',
    'CDK custom resource provider; CloudFormation invokes it synchronously and reports failures',
  );
  acceptFunction(
    provider,
    'concurrency',
    'CDK custom resource provider; runs only during deployments that change the endpoints',
  );
  for (const [id, reason] of [
    ['CKV_AWS_117', 'CDK custom resource provider; it calls only the EC2 API to read prefix-list ids'],
    ['CKV_AWS_173', 'CDK custom resource provider; its environment holds no secret'],
  ]) {
    checkovSkip(provider, id!, reason!);
  }
}

/** The id CDK gives the singleton function behind every AwsCustomResource of a stack. */
const LOOKUP_PROVIDER = 'AWS679f53fac002430cb0da5b7982bd2287';
