import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { vpcEndpointsOf } from '../network/vpc-endpoints.js';

/** The security group of a task or function that sends nothing but what is added to it. */
export function closedSecurityGroup(
  scope: ConstructLike,
  id: string,
  vpc: ec2.IVpc,
  description: string,
): ec2.SecurityGroup {
  return new ec2.SecurityGroup(scope, id, { vpc, description, allowAllOutbound: false });
}
type ConstructLike = ConstructorParameters<typeof ec2.SecurityGroup>[0];

/**
 * HTTPS to the AWS APIs only: the interface endpoints' group, S3's gateway prefix list (ECR keeps
 * image layers there) and, for those that own tables, DynamoDB's.
 */
export function allowAwsApis(group: ec2.ISecurityGroup, vpc: ec2.IVpc, { dynamoDb = false } = {}): void {
  const endpoints = vpcEndpointsOf(vpc);
  group.addEgressRule(endpoints.securityGroup, ec2.Port.tcp(443), 'AWS APIs through the interface endpoints');
  group.addEgressRule(endpoints.s3, ec2.Port.tcp(443), 'S3 through the gateway endpoint');
  if (dynamoDb)
    group.addEgressRule(endpoints.dynamoDb, ec2.Port.tcp(443), 'DynamoDB through the gateway endpoint');
}

/** Lets a caller reach the internal load balancer's HTTPS listeners on these ports, and nothing else of it. */
export function allowToLoadBalancer(
  caller: ec2.IConnectable,
  albSecurityGroup: ec2.ISecurityGroup,
  ports: readonly number[],
  who: string,
): void {
  for (const port of ports) {
    caller.connections.allowTo(albSecurityGroup, ec2.Port.tcp(port), `${who} to port ${port} over TLS`);
  }
}
