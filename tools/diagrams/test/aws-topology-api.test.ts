import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { diagram } from '../src/diagrams/aws-topology.js';

// The request path as the CDK writes it: an OpenAPI body whose integrations name a VPC link and a
// host port through stage variables, the VPC link naming the NLB through a weak stack output, the
// NLB forwarding to the ALB, and the ALB's target group the one an ECS service registers in.
const operation = (host: string) => ({
  'x-amazon-apigateway-integration': {
    type: 'http_proxy',
    connectionType: 'VPC_LINK',
    connectionId: '${stageVariables.vpcLinkId}',
    uri: `https://\${stageVariables.${host}}/v1/x`,
  },
});

const api = {
  Resources: {
    Api: {
      Type: 'AWS::ApiGateway::RestApi',
      Properties: {
        Name: 'shopeasy-prod',
        Body: { paths: { '/v1/orders': { get: operation('ordersHost'), post: operation('ordersHost') } } },
      },
    },
    Stage: {
      Type: 'AWS::ApiGateway::Stage',
      Properties: {
        RestApiId: { Ref: 'Api' },
        Variables: { vpcLinkId: { Ref: 'Link' }, ordersHost: 'internal.shopeasy.example:8084' },
      },
    },
    Link: {
      Type: 'AWS::ApiGateway::VpcLink',
      Properties: {
        Name: 'shopeasy-prod',
        TargetArns: [{ 'Fn::GetStackOutput': { StackName: 'ShopEasy-Prod-Services', OutputName: 'NlbRef' } }],
      },
    },
  },
};

const services = {
  Outputs: { NlbRef: { Value: { Ref: 'Nlb' } } },
  Resources: {
    Nlb: {
      Type: 'AWS::ElasticLoadBalancingV2::LoadBalancer',
      Properties: { Name: 'shopeasy-prod-api', Type: 'network' },
    },
    Alb: {
      Type: 'AWS::ElasticLoadBalancingV2::LoadBalancer',
      Properties: { Name: 'shopeasy-prod-services', Type: 'application' },
    },
    NlbListener: {
      Type: 'AWS::ElasticLoadBalancingV2::Listener',
      Properties: {
        LoadBalancerArn: { Ref: 'Nlb' },
        Port: 8084,
        Protocol: 'TCP',
        DefaultActions: [{ Type: 'forward', TargetGroupArn: { Ref: 'AlbTarget' } }],
      },
    },
    AlbTarget: {
      Type: 'AWS::ElasticLoadBalancingV2::TargetGroup',
      Properties: { TargetType: 'alb', Port: 8084, Targets: [{ Id: { Ref: 'Alb' }, Port: 8084 }] },
    },
    AlbListener: {
      Type: 'AWS::ElasticLoadBalancingV2::Listener',
      Properties: {
        LoadBalancerArn: { Ref: 'Alb' },
        Port: 8084,
        Protocol: 'HTTPS',
        DefaultActions: [{ Type: 'forward', TargetGroupArn: { Ref: 'Blue' } }],
      },
    },
    Blue: { Type: 'AWS::ElasticLoadBalancingV2::TargetGroup', Properties: { TargetType: 'ip', Port: 8084 } },
    Orders: {
      Type: 'AWS::ECS::Service',
      Properties: {
        ServiceName: 'orders',
        DesiredCount: 3,
        LoadBalancers: [{ TargetGroupArn: { Ref: 'Blue' } }],
      },
    },
  },
};

const directory = mkdtempSync(join(tmpdir(), 'aws-topology-api-'));
writeFileSync(join(directory, 'ShopEasy-Prod-Api.template.json'), JSON.stringify(api));
writeFileSync(join(directory, 'ShopEasy-Prod-Services.template.json'), JSON.stringify(services));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

describe('AWS topology: the request path', () => {
  it('When the API integrates through a VPC link, then each hop to the ECS service is drawn with its port', async () => {
    const dot = String(await diagram.dot({ root: directory, assembly: directory }));
    expect(dot).toContain('"Api/Api" -> "Services/Nlb" [label="VPC link shopeasy-prod\\n2 operations"');
    expect(dot).toContain('"Services/Nlb" -> "Services/Alb" [label="TCP :8084\\n2 operations"');
    expect(dot).toContain('"Services/Alb" -> "Services/Orders" [label="HTTPS :8084\\n2 operations"');
    expect(dot).toContain('"Services/Nlb" [label="NLB api"');
  });
});
