import { CfnOutput } from 'aws-cdk-lib';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as apigw from 'aws-cdk-lib/aws-apigateway';
import * as route53 from 'aws-cdk-lib/aws-route53';
import * as route53Targets from 'aws-cdk-lib/aws-route53-targets';
import { Construct } from 'constructs';
import type { EnvironmentConfig } from '../../app/config.js';

export interface ApiDomainProps {
  readonly config: EnvironmentConfig;
  readonly api: apigw.RestApi | apigw.SpecRestApi;
}

/**
 * The API's only entry: `https://<apiDomainName>/v1/...` with a DNS-validated ACM certificate
 * and the TLS 1.2 security policy (the default execute-api endpoint, which still takes TLS 1.0,
 * is disabled on the API), an A alias record in the environment's hosted zone.
 */
export class ApiDomain extends Construct {
  public readonly domain: apigw.DomainName;
  public readonly url: string;

  constructor(scope: Construct, id: string, props: ApiDomainProps) {
    super(scope, id);
    const { config, api } = props;
    const zone = route53.HostedZone.fromHostedZoneAttributes(this, 'Zone', {
      hostedZoneId: config.hostedZoneId,
      zoneName: config.hostedZoneName,
    });
    const certificate = new acm.Certificate(this, 'Certificate', {
      domainName: config.apiDomainName,
      validation: acm.CertificateValidation.fromDns(zone),
    });
    this.domain = new apigw.DomainName(this, 'Domain', {
      domainName: config.apiDomainName,
      certificate,
      endpointType: apigw.EndpointType.REGIONAL,
      securityPolicy: apigw.SecurityPolicy.TLS_1_2,
    });
    // No base path: the contract's paths already start with /v1, the stage's name.
    this.domain.addBasePathMapping(api, { stage: api.deploymentStage });
    new route53.ARecord(this, 'Alias', {
      zone,
      recordName: config.apiDomainName,
      target: route53.RecordTarget.fromAlias(new route53Targets.ApiGatewayDomain(this.domain)),
    });
    // The API's own output names the disabled execute-api URL; this domain's output replaces it.
    api.node.tryRemoveChild('Endpoint');
    this.url = `https://${config.apiDomainName}`;
    new CfnOutput(this, 'Url', {
      value: this.url,
      description: 'Base URL of the public API (npm run smoke -- --base-url <this>)',
    });
  }
}
