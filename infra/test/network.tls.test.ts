import { describe, expect, it } from 'vitest';
import { internalDomainName } from '../lib/constructs/services/internal-domain.js';
import { STRIPE_EGRESS } from '../lib/constructs/services/microservice.js';
import { MICROSERVICE_SPECS, TEST_LISTENER_PORT_OFFSET } from '../lib/constructs/services/services.js';
import { resourcesOf, synthEnvironment } from './support/synth.js';

// Prod: Stripe is its payment provider, so its one documented internet egress is in the template.
const env = synthEnvironment('prod');
const config = env.stacks.services.node.tryGetContext('shopeasy:environments').prod as {
  vpcCidr: string;
  hostedZoneName: string;
};
const services = env.template('services');
const api = env.template('api');
const network = env.template('network');
const internalName = `internal.${config.hostedZoneName}`;

type Props = Record<string, unknown>;
const props = (template: typeof services, type: string): [string, Props][] =>
  Object.entries(resourcesOf(template, type)).map(([id, r]) => [id, r.Properties]);
/** The logical id a GroupId of a rule points at, when it is a group of the same stack. */
const groupOf = (value: unknown): string | undefined =>
  ((value as { 'Fn::GetAtt'?: [string, string] })?.['Fn::GetAtt'] ?? [])[0];

describe('TLS inside the VPC (issue 21, item 9)', () => {
  it('When the load balancers are read, then every ALB listener is HTTPS with the internal certificate and a TLS 1.2+ policy', () => {
    const listeners = props(services, 'AWS::ElasticLoadBalancingV2::Listener');
    const alb = listeners.filter(([, p]) => p.Protocol !== 'TCP');
    const ports = MICROSERVICE_SPECS.flatMap((s) => [s.port, s.port + TEST_LISTENER_PORT_OFFSET]);
    expect(alb.map(([, p]) => p.Port).sort()).toEqual(ports.sort());
    for (const [id, p] of alb) {
      expect(p.Protocol, id).toBe('HTTPS');
      expect(p.SslPolicy, id).toMatch(/^ELBSecurityPolicy-TLS13-1-2-Res-/);
      expect(p.Certificates, id).toHaveLength(1);
    }
    // No plain-HTTP listener anywhere, redirect or not: nothing inside the VPC needs port 80.
    expect(listeners.filter(([, p]) => p.Protocol === 'HTTP')).toEqual([]);
    services.hasResourceProperties('AWS::CertificateManager::Certificate', {
      DomainName: internalName,
      ValidationMethod: 'DNS',
    });
  });

  it('When the internal name is read, then it resolves only inside the VPC, to the ALB', () => {
    expect(internalDomainName({ hostedZoneName: config.hostedZoneName } as never)).toBe(internalName);
    const [[, zone]] = props(services, 'AWS::Route53::HostedZone') as [[string, Props]];
    expect(zone.Name).toBe(`${internalName}.`);
    expect(zone.VPCs).toHaveLength(1);
    services.hasResourceProperties('AWS::Route53::RecordSet', { Name: `${internalName}.`, Type: 'A' });
  });

  it('When API Gateway reaches a service, then the integration is https:// to the certificate name through the VPC link', () => {
    const [[, restApi]] = props(api, 'AWS::ApiGateway::RestApi') as [[string, Props]];
    const uris = JSON.stringify(restApi.Body).match(/"uri":"[^"]*"/g) ?? [];
    const integrations = uris.filter((uri) => uri.includes('stageVariables'));
    expect(integrations.length).toBeGreaterThan(20);
    for (const uri of integrations) expect(uri).toMatch(/^"uri":"https:\/\/\$\{stageVariables\.\w+Host\}\//);
    const [[, stage]] = props(api, 'AWS::ApiGateway::Stage') as [[string, Props]];
    const variables = stage.Variables as Record<string, string>;
    for (const spec of MICROSERVICE_SPECS)
      expect(variables[`${spec.name}Host`]).toBe(`${internalName}:${spec.port}`);
    // The NLB checks the ALB's health over the same TLS.
    for (const [, group] of props(services, 'AWS::ElasticLoadBalancingV2::TargetGroup').filter(
      ([, p]) => p.TargetType === 'alb',
    ))
      expect(group.HealthCheckProtocol).toBe('HTTPS');
  });

  it('When a task, the authorizer or the release hook calls a service, then every URL it is given is https:// to the certificate name', () => {
    const urls: string[] = [];
    for (const [, task] of props(services, 'AWS::ECS::TaskDefinition')) {
      for (const container of task.ContainerDefinitions as {
        Environment?: { Name: string; Value: unknown }[];
      }[])
        for (const { Name, Value } of container.Environment ?? [])
          if (/_URL$/.test(Name) && !/^OTEL_|QUEUE/.test(Name)) urls.push(`${Name}=${String(Value)}`);
    }
    const [authorizer] = props(api, 'AWS::Lambda::Function').filter(([id]) => id.startsWith('Authorizer'));
    urls.push(
      `JWKS_URL=${(authorizer![1].Environment as { Variables: Props }).Variables.JWKS_URL as string}`,
    );
    expect(urls.length).toBeGreaterThanOrEqual(MICROSERVICE_SPECS.length + 6);
    for (const url of urls)
      expect(url).toMatch(new RegExp(`^\\w+=https://${internalName.replaceAll('.', '\\.')}:\\d+`));
    const hook = JSON.stringify(
      props(services, 'AWS::Lambda::Function').find(([id]) => id.startsWith('AfterAllowTestTraffic')),
    );
    for (const spec of MICROSERVICE_SPECS)
      expect(hook).toContain(
        `\\"${spec.name}\\":\\"https://${internalName}:${spec.port + TEST_LISTENER_PORT_OFFSET}\\"`,
      );
  });
});

describe('narrow network rules (issue 21, item 10)', () => {
  const groupId = (template: typeof services, name: string) =>
    Object.keys(resourcesOf(template, 'AWS::EC2::SecurityGroup')).find((id) => id.startsWith(name))!;

  it('When the ALB security group is read, then it admits other groups only, on HTTPS service ports, never the VPC range', () => {
    const alb = groupId(services, 'AlbSecurityGroup');
    const ingress = [
      ...props(services, 'AWS::EC2::SecurityGroupIngress'),
      ...props(api, 'AWS::EC2::SecurityGroupIngress'),
    ]
      .map(([, p]) => p)
      .filter(
        (p) =>
          JSON.stringify(p.GroupId).includes(alb) || JSON.stringify(p.GroupId).includes('AlbSecurityGroup'),
      );
    const [, group] = props(services, 'AWS::EC2::SecurityGroup').find(([id]) => id === alb)!;
    expect(group.SecurityGroupIngress ?? []).toEqual([]);
    expect(ingress.filter((p) => 'CidrIp' in p)).toEqual([]);
    const allowed = new Set(MICROSERVICE_SPECS.flatMap((s) => [s.port, s.port + TEST_LISTENER_PORT_OFFSET]));
    for (const rule of ingress) {
      expect(rule.SourceSecurityGroupId).toBeDefined();
      expect(rule.FromPort).toBe(rule.ToPort);
      expect(allowed.has(rule.FromPort as number)).toBe(true);
    }
    // The VPC link's NLB reaches production ports only; the authorizer only the users service.
    const from = (who: string) =>
      ingress.filter((p) => String(p.Description).startsWith(who)).map((p) => p.FromPort);
    expect(from('API Gateway VPC link').sort()).toEqual(MICROSERVICE_SPECS.map((s) => s.port).sort());
    expect(from('Token authorizer')).toEqual([8081]);
    expect(from('cart')).toEqual([8081, 8082]);
  });

  it('When task and function security groups are read, then none sends anywhere but Stripe from orders', () => {
    for (const template of [services, api]) {
      const groups = props(template, 'AWS::EC2::SecurityGroup').filter(
        ([id]) => !id.startsWith('Alb') && !id.startsWith('Nlb'),
      );
      expect(groups.length).toBeGreaterThan(0);
      for (const [id, group] of groups) {
        const egress = (group.SecurityGroupEgress ?? []) as Props[];
        const open = egress.filter((rule) => rule.CidrIp === '0.0.0.0/0' || rule.IpProtocol === '-1');
        if (id.startsWith('ordersSecurityGroup'))
          expect(open, id).toEqual([
            {
              CidrIp: '0.0.0.0/0',
              Description: STRIPE_EGRESS,
              FromPort: 443,
              IpProtocol: 'tcp',
              ToPort: 443,
            },
          ]);
        else expect(open, id).toEqual([]);
        // CloudFormation drops its default allow-all only when the group has a rule of its own.
        const separate = props(template, 'AWS::EC2::SecurityGroupEgress').filter(
          ([, p]) => groupOf(p.GroupId) === id,
        );
        expect(egress.length + separate.length, id).toBeGreaterThan(0);
        for (const [, rule] of separate) expect(rule.CidrIp, id).toBeUndefined();
      }
    }
  });

  it('When a VPC endpoint is read, then its policy admits only this account', () => {
    const endpoints = props(network, 'AWS::EC2::VPCEndpoint');
    expect(endpoints.length).toBe(15);
    for (const [id, endpoint] of endpoints) {
      const statements = (endpoint.PolicyDocument as { Statement: Props[] }).Statement;
      expect(statements.length, id).toBeGreaterThan(0);
      for (const statement of statements) {
        expect(statement.Effect, id).toBe('Allow');
        const equals = (statement.Condition as { StringEquals: Props }).StringEquals;
        expect(equals['aws:PrincipalAccount'], id).toBe(env.stacks.network.account);
      }
    }
  });

  it('When the endpoints group is read, then it takes HTTPS only', () => {
    const [[, group]] = props(network, 'AWS::EC2::SecurityGroup').filter(([id]) =>
      id.startsWith('EndpointSecurityGroup'),
    ) as [[string, Props]];
    expect(group.SecurityGroupIngress).toEqual([
      expect.objectContaining({ CidrIp: config.vpcCidr, FromPort: 443, ToPort: 443 }),
    ]);
  });
});
