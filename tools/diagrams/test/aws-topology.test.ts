import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { diagram } from '../src/diagrams/aws-topology.js';
import { compareAll, draw, writeAll } from '../src/generate.js';
import { buildTopology } from '../src/topology/build.js';

// A small prod assembly: the data stack owns the resources, the services stack names them as the
// CDK's weak references do (physical ARNs, names, an SSM parameter), and a dev stack is ignored.
const arn = (service: string, resource: string) => ({
  'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, `:${service}:eu-west-1:111111111111:${resource}`]],
});

function dataStack(withQueue: boolean) {
  const resources: Record<string, unknown> = {
    OrdersTable: { Type: 'AWS::DynamoDB::Table', Properties: { TableName: 'shopeasy-prod-orders' } },
    EventsTopic: { Type: 'AWS::SNS::Topic', Properties: { TopicName: 'shopeasy-prod-events' } },
    ReviewsDlq: { Type: 'AWS::SQS::Queue', Properties: { QueueName: 'shopeasy-prod-reviews-dlq' } },
    TableKeyArn: {
      Type: 'AWS::SSM::Parameter',
      Properties: { Name: '/shopeasy/prod/keys/tables', Value: 'k' },
    },
    Logs: { Type: 'AWS::Logs::LogGroup', Properties: { LogGroupName: 'shopeasy-prod-noise' } },
  };
  if (withQueue) {
    resources.ReviewsQueue = {
      Type: 'AWS::SQS::Queue',
      Properties: {
        QueueName: 'shopeasy-prod-reviews',
        RedrivePolicy: { deadLetterTargetArn: { 'Fn::GetAtt': ['ReviewsDlq', 'Arn'] }, maxReceiveCount: 4 },
      },
    };
    resources.ReviewsSubscription = {
      Type: 'AWS::SNS::Subscription',
      Properties: {
        Protocol: 'sqs',
        TopicArn: { Ref: 'EventsTopic' },
        Endpoint: { 'Fn::GetAtt': ['ReviewsQueue', 'Arn'] },
        FilterPolicy: { type: [{ prefix: 'review.' }] },
      },
    };
  }
  return { Resources: resources };
}

const servicesStack = {
  Parameters: {
    TableKey: { Type: 'AWS::SSM::Parameter::Value<String>', Default: '/shopeasy/prod/keys/tables' },
  },
  Resources: {
    TaskRole: { Type: 'AWS::IAM::Role', Properties: {} },
    TaskPolicy: {
      Type: 'AWS::IAM::Policy',
      Properties: {
        Roles: [{ Ref: 'TaskRole' }],
        PolicyDocument: {
          Statement: [
            {
              Effect: 'Allow',
              Action: ['dynamodb:GetItem', 'dynamodb:PutItem'],
              Resource: arn('dynamodb', 'table/shopeasy-prod-orders'),
            },
            { Effect: 'Allow', Action: 'kms:Decrypt', Resource: { Ref: 'TableKey' } },
          ],
        },
      },
    },
    OrdersTask: {
      Type: 'AWS::ECS::TaskDefinition',
      Properties: {
        Family: 'shopeasy-prod-orders',
        TaskRoleArn: { 'Fn::GetAtt': ['TaskRole', 'Arn'] },
        ContainerDefinitions: [{ Environment: [{ Name: 'ORDERS_TABLE', Value: 'shopeasy-prod-orders' }] }],
      },
    },
    OrdersService: {
      Type: 'AWS::ECS::Service',
      Properties: { ServiceName: 'orders', DesiredCount: 2, TaskDefinition: 'shopeasy-prod-orders' },
    },
    Provider: { Type: 'AWS::Lambda::Function', Properties: { FunctionName: 'shopeasy-prod-provider' } },
    Custom: { Type: 'Custom::Thing', Properties: { ServiceToken: { 'Fn::GetAtt': ['Provider', 'Arn'] } } },
  },
};

const directories: string[] = [];
function assembly(withQueue = true): string {
  const directory = mkdtempSync(join(tmpdir(), 'aws-topology-test-'));
  directories.push(directory);
  writeFileSync(join(directory, 'ShopEasy-Prod-Data.template.json'), JSON.stringify(dataStack(withQueue)));
  writeFileSync(join(directory, 'ShopEasy-Prod-Services.template.json'), JSON.stringify(servicesStack));
  const devOnly = {
    Resources: { DevTable: { Type: 'AWS::DynamoDB::Table', Properties: { TableName: 'dev-only' } } },
  };
  writeFileSync(join(directory, 'ShopEasy-Dev-Data.template.json'), JSON.stringify(devOnly));
  return directory;
}
afterAll(() => directories.forEach((d) => rmSync(d, { recursive: true, force: true })));

const dotOf = async (directory: string) =>
  String(await diagram.dot({ root: directory, assembly: directory }));

describe('AWS topology of a prod assembly', () => {
  it('When a queue has a DLQ and a topic subscription, then both edges are drawn and the DLQ looks like one', async () => {
    const dot = await dotOf(assembly());
    expect(dot).toMatch(
      /"Data\/ReviewsQueue" -> "Data\/ReviewsDlq" \[label="redrive after 4 receives" style=dashed/,
    );
    expect(dot).toMatch(
      /"Data\/EventsTopic" -> "Data\/ReviewsQueue" \[label="type: review\.\*" style=dashed/,
    );
    expect(dot).toMatch(
      /"Data\/ReviewsDlq" \[label="reviews-dlq" shape=box3d style="filled" fillcolor="#FFEBEE"/,
    );
    expect(dot).toContain('label="ShopEasy-Prod-Data stack"');
  });

  it("When a service's task role may use a table in another stack, then one edge says so, with the env variable", async () => {
    const dot = await dotOf(assembly());
    const edge = /"Services\/OrdersService" -> "Data\/OrdersTable" \[([^\n]*)\];/.exec(dot)?.[1];
    expect(edge).toContain('label="reads/writes · env"');
    expect(edge).toContain('tooltip="env: ORDERS_TABLE"');
    expect(dot.match(/"Services\/OrdersService" -> "Data\/OrdersTable"/g)).toHaveLength(1);
    expect(dot).toContain('"Services/OrdersService" [label="orders\\n2 tasks"');
  });

  it('When the assembly holds noise and other environments, then only the topology of prod is drawn', () => {
    const topology = buildTopology(assembly());
    const drawn = topology.nodes.map((n) => n.id);
    expect(drawn).not.toContain('Data/Logs');
    expect(drawn).not.toContain('Services/Provider');
    expect(drawn.some((id) => id.includes('DevTable'))).toBe(false);
    expect(topology.unresolved).toEqual([]);
  });

  it('When a queue is removed from the assembly, then the picture changes and the drift check reports it', async () => {
    const output = mkdtempSync(join(tmpdir(), 'aws-topology-svg-'));
    directories.push(output);
    const context = (directory: string) => ({ root: directory, assembly: directory });
    writeAll(output, [await draw(diagram, context(assembly(true)))]);
    const without = assembly(false);
    expect(await dotOf(without)).not.toContain('ReviewsQueue');
    expect(compareAll(output, [await draw(diagram, context(without))])).toEqual([
      `${join(output, 'aws-topology.svg')} differs from what its sources draw`,
    ]);
    expect(compareAll(output, [await draw(diagram, context(assembly(true)))])).toEqual([]);
  });
});
