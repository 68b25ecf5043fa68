import type { Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import { namePrefix, type EnvironmentConfig } from '../../app/config.js';
import { InternalDomain } from './internal-domain.js';

export interface InternalLoadBalancersProps {
  readonly config: EnvironmentConfig;
  readonly vpc: ec2.IVpc;
  readonly accessLogs: s3.IBucket;
}

/**
 * The internal ALB (HTTPS listeners added per service, with the certificate of internal.<zone>)
 * and the NLB the API's VPC link targets, which passes TCP through to it; each with its own
 * security group and access logs. Made in the stack's scope: their logical ids stay as they were.
 */
export function internalLoadBalancers(scope: Stack, props: InternalLoadBalancersProps) {
  const { config, vpc } = props;
  const prefix = namePrefix(config);
  const albSecurityGroup = new ec2.SecurityGroup(scope, 'AlbSecurityGroup', {
    vpc,
    description: 'Internal ALB: HTTPS service ports from the NLB, the calling tasks and functions',
    allowAllOutbound: false,
  });
  const alb = new elbv2.ApplicationLoadBalancer(scope, 'Alb', {
    loadBalancerName: `${prefix}-services`,
    vpc,
    internetFacing: false,
    securityGroup: albSecurityGroup,
    vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS },
    dropInvalidHeaderFields: true,
    deletionProtection: config.teardown === 'retain',
  });
  const internalDomain = new InternalDomain(scope, 'InternalDomain', { config, vpc, alb });
  const certificate = elbv2.ListenerCertificate.fromCertificateManager(internalDomain.certificate);
  alb.logAccessLogs(props.accessLogs, 'alb');
  const nlbSecurityGroup = new ec2.SecurityGroup(scope, 'NlbSecurityGroup', {
    vpc,
    description: 'API Gateway VPC link NLB: passes TLS through to the internal ALB',
    allowAllOutbound: false,
  });
  // A security group can only be given to a new NLB: the name changes so CloudFormation may replace it.
  const nlb = new elbv2.NetworkLoadBalancer(scope, 'Nlb', {
    loadBalancerName: `${prefix}-api-tls`,
    vpc,
    internetFacing: false,
    vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS },
    crossZoneEnabled: true,
    securityGroups: [nlbSecurityGroup],
    // The VPC link's traffic arrives through PrivateLink, from addresses no rule could name.
    enforceSecurityGroupInboundRulesOnPrivateLinkTraffic: false,
    deletionProtection: config.teardown === 'retain',
  });
  nlb.logAccessLogs(props.accessLogs, 'nlb');

  return { alb, albSecurityGroup, nlb, nlbSecurityGroup, internalDomain, certificate };
}
