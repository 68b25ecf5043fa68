import { RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import { namePrefix, type EnvironmentConfig } from '../app/config.js';
import { NetworkEndpoints, type VpcEndpointPeers } from '../constructs/network/vpc-endpoints.js';

export interface NetworkStackProps extends StackProps {
  readonly config: EnvironmentConfig;
}

/** VPC across the environment's zones: public subnets for NAT only, private subnets for everything else. */
export class NetworkStack extends Stack {
  public readonly vpc: ec2.Vpc;
  public readonly flowLogsKey: kms.Key;
  /** The interface endpoints' security group and the gateway endpoints' prefix lists. */
  public readonly endpoints: VpcEndpointPeers;

  constructor(scope: Construct, id: string, props: NetworkStackProps) {
    super(scope, id, props);
    const { config } = props;

    this.vpc = new ec2.Vpc(this, 'Vpc', {
      vpcName: namePrefix(config),
      ipAddresses: ec2.IpAddresses.cidr(config.vpcCidr),
      availabilityZones: [...config.availabilityZones],
      natGateways: config.natGateways,
      // A custom resource removes the default security group's rules; ShopEasy never uses it.
      restrictDefaultSecurityGroup: true,
      subnetConfiguration: [
        { name: 'public', subnetType: ec2.SubnetType.PUBLIC, cidrMask: 24, mapPublicIpOnLaunch: false },
        { name: 'private', subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS, cidrMask: 20 },
      ],
      gatewayEndpoints: {
        DynamoDb: { service: ec2.GatewayVpcEndpointAwsService.DYNAMODB },
        S3: { service: ec2.GatewayVpcEndpointAwsService.S3 },
      },
    });

    this.endpoints = new NetworkEndpoints(this, 'Endpoints', {
      vpc: this.vpc,
      vpcCidr: config.vpcCidr,
    }).peers;

    this.flowLogsKey = new kms.Key(this, 'FlowLogsKey', {
      description: `ShopEasy ${config.name} VPC flow logs`,
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.flowLogsKey.grantEncryptDecrypt(new iam.ServicePrincipal(`logs.${this.region}.amazonaws.com`));
    const flowLogs = new logs.LogGroup(this, 'FlowLogs', {
      logGroupName: `/shopeasy/${config.name}/vpc-flow-logs`,
      retention: config.logRetentionDays as logs.RetentionDays,
      encryptionKey: this.flowLogsKey,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.vpc.addFlowLog('FlowLog', {
      destination: ec2.FlowLogDestination.toCloudWatchLogs(flowLogs),
      trafficType: ec2.FlowLogTrafficType.ALL,
    });
  }
}
