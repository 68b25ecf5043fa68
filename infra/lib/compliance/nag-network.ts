import { checkovSkip } from './checkov.js';
import { ack, arnRef } from './nag-ack.js';
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
  ack(
    replication,
    'PCI.DSS.321-IAMNoInlinePolicy',
    'Policy of the replication role only, scoped to the two buckets and their keys',
  );
  ack(
    dr.replicaBucket,
    'PCI.DSS.321-S3BucketReplicationEnabled',
    'This bucket is the DR replica of the assets bucket',
  );
  const replicaLogs = dr.node.findChild('ReplicaLogsBucket');
  ack(
    replicaLogs,
    'PCI.DSS.321-S3BucketReplicationEnabled',
    'Access logs of the DR replica stay in the DR region for audit',
  );
  ack(
    replicaLogs,
    'PCI.DSS.321-S3DefaultEncryptionKMS',
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
    ack(
      subnet.node.findChild('DefaultRoute'),
      'PCI.DSS.321-VPCNoUnrestrictedRouteToIGW',
      'Public subnets hold only the NAT gateways; tasks, functions and load balancers run in private subnets',
    );
  }
  ack(
    network.vpc.node.findChild('FlowLog').node.findChild('IAMRole').node.findChild('DefaultPolicy'),
    'PCI.DSS.321-IAMNoInlinePolicy',
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
}
