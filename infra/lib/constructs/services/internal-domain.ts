import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import type * as ec2 from 'aws-cdk-lib/aws-ec2';
import type * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import * as route53 from 'aws-cdk-lib/aws-route53';
import * as route53Targets from 'aws-cdk-lib/aws-route53-targets';
import { Construct } from 'constructs';
import type { EnvironmentConfig } from '../../app/config.js';

/** `internal.<hostedZoneName>`: the name the services' load balancer answers TLS for inside the VPC. */
export function internalDomainName(config: EnvironmentConfig): string {
  return `internal.${config.hostedZoneName}`;
}

/** `https://internal.<zone>:<port>`: a service's base URL through the internal load balancer. */
export function internalServiceUrl(config: EnvironmentConfig, port: number): string {
  return `https://${internalDomainName(config)}:${port}`;
}

export interface InternalDomainProps {
  readonly config: EnvironmentConfig;
  readonly vpc: ec2.IVpc;
  readonly alb: elbv2.IApplicationLoadBalancer;
}

/**
 * TLS inside the VPC: a public ACM certificate for `internal.<zone>` (DNS-validated in the public
 * zone, so Node's default trust store accepts it with no private CA), and a private zone of that
 * name, seen only from the VPC, whose apex is an alias of the internal ALB. The public zone gets
 * only the validation record: the name does not resolve outside the VPC.
 */
export class InternalDomain extends Construct {
  public readonly certificate: acm.ICertificate;
  public readonly domainName: string;

  constructor(scope: Construct, id: string, props: InternalDomainProps) {
    super(scope, id);
    const { config } = props;
    this.domainName = internalDomainName(config);
    const publicZone = route53.HostedZone.fromHostedZoneAttributes(this, 'PublicZone', {
      hostedZoneId: config.hostedZoneId,
      zoneName: config.hostedZoneName,
    });
    this.certificate = new acm.Certificate(this, 'Certificate', {
      domainName: this.domainName,
      validation: acm.CertificateValidation.fromDns(publicZone),
    });
    const privateZone = new route53.PrivateHostedZone(this, 'PrivateZone', {
      zoneName: this.domainName,
      vpc: props.vpc,
      comment: `ShopEasy ${config.name}: the internal load balancer, inside the VPC only`,
    });
    new route53.ARecord(this, 'Alias', {
      zone: privateZone,
      target: route53.RecordTarget.fromAlias(new route53Targets.LoadBalancerTarget(props.alb)),
    });
  }
}
