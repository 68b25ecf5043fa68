import { Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as cr from 'aws-cdk-lib/custom-resources';
import { Construct } from 'constructs';

/** Interface endpoints: every AWS API the tasks and functions call stays inside the VPC. */
const INTERFACE_ENDPOINTS = {
  Sqs: ec2.InterfaceVpcEndpointAwsService.SQS,
  Sns: ec2.InterfaceVpcEndpointAwsService.SNS,
  Kinesis: ec2.InterfaceVpcEndpointAwsService.KINESIS_STREAMS,
  EcrApi: ec2.InterfaceVpcEndpointAwsService.ECR,
  EcrDocker: ec2.InterfaceVpcEndpointAwsService.ECR_DOCKER,
  Logs: ec2.InterfaceVpcEndpointAwsService.CLOUDWATCH_LOGS,
  SecretsManager: ec2.InterfaceVpcEndpointAwsService.SECRETS_MANAGER,
  Kms: ec2.InterfaceVpcEndpointAwsService.KMS,
  XRay: ec2.InterfaceVpcEndpointAwsService.XRAY,
  Monitoring: ec2.InterfaceVpcEndpointAwsService.CLOUDWATCH_MONITORING,
  // The signing-key rotation reads the users tasks; the release hook reports to CodeDeploy.
  Ecs: ec2.InterfaceVpcEndpointAwsService.ECS,
  CodeDeploy: ec2.InterfaceVpcEndpointAwsService.CODEDEPLOY,
  // The restore validation function reports each restore test's verdict to AWS Backup.
  Backup: ec2.InterfaceVpcEndpointAwsService.BACKUP,
} as const;

/**
 * Calls that name no resource of an account (ecr:GetAuthorizationToken, X-Ray segments, metric
 * data), so aws:ResourceAccount is absent and only the caller's account can be checked.
 */
const PRINCIPAL_ONLY = new Set(['EcrApi', 'XRay', 'Monitoring', 'Backup']);

/** What a task or function needs to reach the AWS APIs: the endpoints' group and the gateway prefix lists. */
export interface VpcEndpointPeers {
  readonly securityGroup: ec2.ISecurityGroup;
  readonly s3: ec2.IPeer;
  readonly dynamoDb: ec2.IPeer;
}

const registry = new WeakMap<ec2.IVpc, VpcEndpointPeers>();

/** The endpoints of a VPC the network stack built; security groups open egress to these only. */
export function vpcEndpointsOf(vpc: ec2.IVpc): VpcEndpointPeers {
  const peers = registry.get(vpc);
  if (!peers) throw new Error(`${vpc.node.path} has no VPC endpoints: build it with NetworkStack`);
  return peers;
}

/** Endpoint policy statements: requests of this account's principals to this account's resources. */
function accountOnly(account: string, principalOnly: boolean): iam.PolicyStatement {
  return new iam.PolicyStatement({
    principals: [new iam.AnyPrincipal()],
    actions: ['*'],
    resources: ['*'],
    conditions: {
      StringEquals: {
        'aws:PrincipalAccount': account,
        ...(principalOnly ? {} : { 'aws:ResourceAccount': account }),
      },
    },
  });
}

/** The VPC's endpoints, each with a policy limited to the account, and their peers for egress rules. */
export class NetworkEndpoints extends Construct {
  public readonly peers: VpcEndpointPeers;

  constructor(scope: Construct, id: string, props: { vpc: ec2.Vpc; vpcCidr: string }) {
    super(scope, id);
    const { vpc } = props;
    const { account, region } = Stack.of(this);
    const securityGroup = new ec2.SecurityGroup(scope, 'EndpointSecurityGroup', {
      vpc,
      description: 'HTTPS from inside the VPC to the AWS interface endpoints',
      allowAllOutbound: false,
    });
    // The literal CIDR (not the VPC's attribute) lets reviewers and cdk-nag see the rule's reach.
    securityGroup.addIngressRule(ec2.Peer.ipv4(props.vpcCidr), ec2.Port.tcp(443), 'HTTPS from the VPC');
    for (const [name, service] of Object.entries(INTERFACE_ENDPOINTS)) {
      const endpoint = vpc.addInterfaceEndpoint(name, {
        service,
        privateDnsEnabled: true,
        open: false,
        securityGroups: [securityGroup],
        subnets: { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS },
      });
      endpoint.addToPolicy(accountOnly(account, PRINCIPAL_ONLY.has(name)));
    }
    const s3 = vpc.node.findChild('S3') as ec2.GatewayVpcEndpoint;
    s3.addToPolicy(accountOnly(account, false));
    // ECR keeps image layers in an AWS-owned bucket; tasks pull them through this endpoint.
    s3.addToPolicy(
      new iam.PolicyStatement({
        principals: [new iam.AnyPrincipal()],
        actions: ['s3:GetObject'],
        resources: [`arn:${Stack.of(this).partition}:s3:::prod-${region}-starport-layer-bucket/*`],
        conditions: { StringEquals: { 'aws:PrincipalAccount': account } },
      }),
    );
    (vpc.node.findChild('DynamoDb') as ec2.GatewayVpcEndpoint).addToPolicy(accountOnly(account, false));

    this.peers = {
      securityGroup,
      s3: ec2.Peer.prefixList(this.prefixList('S3PrefixList', `com.amazonaws.${region}.s3`)),
      dynamoDb: ec2.Peer.prefixList(
        this.prefixList('DynamoDbPrefixList', `com.amazonaws.${region}.dynamodb`),
      ),
    };
    registry.set(vpc, this.peers);
  }

  /** The id of an AWS-managed prefix list, read at deployment (CloudFormation cannot name it). */
  private prefixList(id: string, name: string): string {
    const call: cr.AwsSdkCall = {
      service: 'EC2',
      action: 'describeManagedPrefixLists',
      parameters: { Filters: [{ Name: 'prefix-list-name', Values: [name] }] },
      physicalResourceId: cr.PhysicalResourceId.of(name),
      outputPaths: ['PrefixLists.0.PrefixListId'],
    };
    const lookup = new cr.AwsCustomResource(this, id, {
      onCreate: call,
      onUpdate: call,
      installLatestAwsSdk: false,
      policy: cr.AwsCustomResourcePolicy.fromSdkCalls({ resources: cr.AwsCustomResourcePolicy.ANY_RESOURCE }),
    });
    return lookup.getResponseField('PrefixLists.0.PrefixListId');
  }
}
