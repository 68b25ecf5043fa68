import { App } from 'aws-cdk-lib';
import { describe, expect, it } from 'vitest';
import { environmentConfig, ENVIRONMENTS_CONTEXT_KEY } from '../lib/app/config.js';
import { cdkContext, resourcesOf, synthEnvironment } from './support/synth.js';

const env = synthEnvironment('staging');
const api = env.template('api');
const one = (type: string) => {
  const found = Object.entries(resourcesOf(api, type));
  expect(found, type).toHaveLength(1);
  return found[0]!;
};

describe('the API on its own domain, TLS 1.2 only', () => {
  it('When the API stack is read, then the default execute-api endpoint is disabled', () => {
    const [, restApi] = one('AWS::ApiGateway::RestApi');
    expect(restApi.Properties.DisableExecuteApiEndpoint).toBe(true);
  });

  it('When the custom domain is read, then it serves api.staging.shopeasy.example regionally with the TLS 1.2 policy and a DNS-validated certificate', () => {
    const [certificateId, certificate] = one('AWS::CertificateManager::Certificate');
    expect(certificate.Properties).toMatchObject({
      DomainName: 'api.staging.shopeasy.example',
      ValidationMethod: 'DNS',
      DomainValidationOptions: [
        { DomainName: 'api.staging.shopeasy.example', HostedZoneId: 'Z02STAGINGSHOPEASYEXAMPLE' },
      ],
    });
    const [, domain] = one('AWS::ApiGateway::DomainName');
    expect(domain.Properties).toMatchObject({
      DomainName: 'api.staging.shopeasy.example',
      SecurityPolicy: 'TLS_1_2',
      EndpointConfiguration: { Types: ['REGIONAL'] },
      RegionalCertificateArn: { Ref: certificateId },
    });
  });

  it('When the base path mapping is read, then the domain root maps to the v1 stage, so URLs are https://<domain>/v1/...', () => {
    const [domainId] = one('AWS::ApiGateway::DomainName');
    const [restApiId] = one('AWS::ApiGateway::RestApi');
    const [stageId] = one('AWS::ApiGateway::Stage');
    const [, mapping] = one('AWS::ApiGateway::BasePathMapping');
    expect(mapping.Properties).toEqual({
      DomainName: { Ref: domainId },
      RestApiId: { Ref: restApiId },
      Stage: { Ref: stageId },
    });
  });

  it('When the DNS record is read, then an A alias in the environment’s hosted zone points at the regional domain', () => {
    const [domainId] = one('AWS::ApiGateway::DomainName');
    const [, record] = one('AWS::Route53::RecordSet');
    expect(record.Properties).toMatchObject({
      Name: 'api.staging.shopeasy.example.',
      Type: 'A',
      HostedZoneId: 'Z02STAGINGSHOPEASYEXAMPLE',
      AliasTarget: {
        DNSName: { 'Fn::GetAtt': [domainId, 'RegionalDomainName'] },
        HostedZoneId: { 'Fn::GetAtt': [domainId, 'RegionalHostedZoneId'] },
      },
    });
  });

  it('When the stack outputs are read, then the API URL is the custom domain and no output names an execute-api URL', () => {
    const outputs = Object.values(api.toJSON().Outputs as Record<string, { Value: unknown }>).map(
      (o) => o.Value,
    );
    expect(outputs).toContain('https://api.staging.shopeasy.example');
    expect(JSON.stringify(outputs)).not.toContain('execute-api');
  });

  it('When an environment names an API domain outside its hosted zone, then configuration fails naming both', () => {
    const context = cdkContext();
    const environments = structuredClone(context[ENVIRONMENTS_CONTEXT_KEY]) as Record<
      string,
      Record<string, unknown>
    >;
    environments.dev!.apiDomainName = 'api.shopeasy.other';
    const app = new App({ context: { ...context, [ENVIRONMENTS_CONTEXT_KEY]: environments } });
    expect(() => environmentConfig(app.node, 'dev')).toThrow(
      /dev\.apiDomainName must be in hostedZoneName dev\.shopeasy\.example/,
    );
  });
});
