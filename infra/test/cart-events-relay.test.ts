import { TABLES } from '@shopeasy/resources';
import { describe, expect, it } from 'vitest';
import { resourcesOf, synthEnvironment } from './support/synth.js';

const env = synthEnvironment('prod');
const services = env.template('services');
const data = env.template('data');
const FUNCTION = 'shopeasy-prod-cart-events';
const STREAM_PARAMETER = '/shopeasy/prod/data/streams/cart';

type Statement = { Action: string | string[]; Resource: unknown };
const list = <T>(value: T | T[]): T[] => (Array.isArray(value) ? value : [value]);

const [relayId, relay] = Object.entries(resourcesOf(services, 'AWS::Lambda::Function')).find(
  ([, f]) => f.Properties.FunctionName === FUNCTION,
) ?? [undefined, undefined];
const roleOf = (reference: unknown) => (reference as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'][0];

/** Every statement of the policies attached to a role of the services stack, by its logical id. */
function statementsOf(roleId: string): Statement[] {
  return [
    ...Object.values(resourcesOf(services, 'AWS::IAM::Policy')),
    ...Object.values(resourcesOf(services, 'AWS::IAM::ManagedPolicy')),
  ]
    .filter((p) => JSON.stringify(p.Properties.Roles ?? []).includes(`"${roleId}"`))
    .flatMap((p) => (p.Properties.PolicyDocument as { Statement: Statement[] }).Statement);
}
const resourcesFor = (statements: Statement[], action: string) =>
  statements.filter((s) => list(s.Action).includes(action)).flatMap((s) => list(s.Resource));

/** The services stack parameter that reads the cart stream's ARN from SSM. */
function streamParameterId(): string {
  const parameters = services.toJSON().Parameters as Record<string, { Type: string; Default: string }>;
  const found = Object.entries(parameters).find(([, p]) => p.Default === STREAM_PARAMETER);
  expect(found, STREAM_PARAMETER).toBeDefined();
  return found![0];
}

describe('the cart outbox relay in the cloud', () => {
  it('When the data stack is read, then only the cart table has a stream, of new images, and its ARN is published in SSM', () => {
    const tables = Object.values(resourcesOf(data, 'AWS::DynamoDB::Table'));
    expect(tables).toHaveLength(TABLES.length);
    const streamed = tables.filter((t) => t.Properties.StreamSpecification !== undefined);
    expect(streamed.map((t) => t.Properties.TableName)).toEqual(['shopeasy-prod-cart']);
    expect(streamed[0]!.Properties.StreamSpecification).toEqual({ StreamViewType: 'NEW_IMAGE' });
    const [cartId] = Object.entries(resourcesOf(data, 'AWS::DynamoDB::Table')).find(
      ([, t]) => t.Properties.TableName === 'shopeasy-prod-cart',
    )!;
    data.hasResourceProperties('AWS::SSM::Parameter', {
      Name: STREAM_PARAMETER,
      Value: { 'Fn::GetAtt': [cartId, 'StreamArn'] },
    });
  });

  it('When the relay function is read, then it names the inventory stream and runs like the other functions', () => {
    expect(relay, FUNCTION).toBeDefined();
    expect(relay!.Properties).toMatchObject({
      Runtime: 'nodejs22.x',
      TracingConfig: { Mode: 'Active' },
      VpcConfig: { SubnetIds: expect.any(Array) },
      Environment: {
        Variables: expect.objectContaining({
          INVENTORY_STREAM: 'shopeasy-prod-inventory',
          NODE_OPTIONS: '--enable-source-maps',
        }),
      },
    });
  });

  it('When its event source is read, then it reads the cart stream from the start, reports failed items and gives up into its own queue', () => {
    const mappings = Object.values(resourcesOf(services, 'AWS::Lambda::EventSourceMapping')).filter((m) =>
      JSON.stringify(m.Properties.FunctionName).includes(relayId!),
    );
    expect(mappings).toHaveLength(1);
    const mapping = mappings[0]!.Properties;
    expect(mapping).toMatchObject({
      EventSourceArn: { Ref: streamParameterId() },
      StartingPosition: 'TRIM_HORIZON',
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      BisectBatchOnFunctionError: true,
      BatchSize: 100,
      ParallelizationFactor: 4,
    });
    expect(mapping.MaximumRetryAttempts).toBeGreaterThan(0);
    expect(mapping.MaximumRetryAttempts).toBeLessThanOrEqual(10);
    // A record older than the stream's 24 hours is gone; it must be handed over before that.
    expect(mapping.MaximumRecordAgeInSeconds).toBeGreaterThan(0);
    expect(mapping.MaximumRecordAgeInSeconds).toBeLessThan(24 * 3600);
    const destination = (mapping.DestinationConfig as { OnFailure: { Destination: unknown } }).OnFailure
      .Destination;
    const queueId = roleOf(destination);
    const queue = resourcesOf(services, 'AWS::SQS::Queue')[queueId]!;
    expect(queue.Properties).toMatchObject({
      QueueName: 'shopeasy-prod-cart-events-failures',
      MessageRetentionPeriod: 14 * 24 * 3600,
      KmsMasterKeyId: expect.anything(),
    });
    const sslOnly = Object.values(resourcesOf(services, 'AWS::SQS::QueuePolicy')).find((p) =>
      JSON.stringify(p.Properties.Queues).includes(queueId),
    );
    expect(JSON.stringify(sslOnly?.Properties.PolicyDocument)).toContain('"aws:SecureTransport":"false"');
  });

  it('When the relay role is read, then it puts on the inventory stream only and reads the cart stream only', () => {
    const statements = statementsOf(roleOf(relay!.Properties.Role));
    const puts = resourcesFor(statements, 'kinesis:PutRecords');
    expect(puts).toHaveLength(1);
    expect(JSON.stringify(puts[0])).toMatch(/:kinesis:[a-z0-9-]+:\d+:stream\/shopeasy-prod-inventory"/);
    const streamRef = { Ref: streamParameterId() };
    for (const action of ['DescribeStream', 'GetRecords', 'GetShardIterator', 'ListStreams'])
      expect(resourcesFor(statements, `dynamodb:${action}`), action).toEqual([streamRef]);
    const actions = new Set(statements.flatMap((s) => list(s.Action)));
    // No table access: it never reads or writes a cart, only the stream of its changes.
    expect(
      [...actions].filter((a) => a.startsWith('dynamodb:') && !/Stream|Records|ShardIterator/.test(a)),
    ).toEqual([]);
    expect([...actions].filter((a) => a.startsWith('sqs:'))).toEqual(['sqs:SendMessage']);
  });

  it('When the cart task is read, then it may not touch Kinesis and is not told of the inventory stream', () => {
    const task = Object.values(resourcesOf(services, 'AWS::ECS::TaskDefinition')).find(
      (t) => t.Properties.Family === 'shopeasy-prod-cart',
    )!;
    const statements = statementsOf(roleOf(task.Properties.TaskRoleArn));
    expect(statements.length).toBeGreaterThan(0);
    expect(statements.flatMap((s) => list(s.Action)).filter((a) => a.startsWith('kinesis:'))).toEqual([]);
    const containers = task.Properties.ContainerDefinitions as {
      Name: string;
      Environment: { Name: string }[];
    }[];
    const cart = containers.find((c) => c.Name === 'cart')!;
    expect(cart.Environment.map((e) => e.Name)).toContain('CART_TABLE');
    expect(cart.Environment.map((e) => e.Name)).not.toContain('INVENTORY_STREAM');
  });

  it('When the monitoring stack is read, then the relay alarms on its lag, its errors and given-up batches into the operations topic', () => {
    const alarms = Object.values(resourcesOf(env.template('monitoring'), 'AWS::CloudWatch::Alarm'));
    const byName = (name: string) => alarms.find((a) => a.Properties.AlarmName === name)?.Properties;
    expect(byName('shopeasy-prod-cart-events-iterator-age')).toMatchObject({
      MetricName: 'IteratorAge',
      Threshold: 60_000,
      EvaluationPeriods: 5,
      DatapointsToAlarm: 5,
    });
    expect(byName('shopeasy-prod-cart-events-lambda-errors')).toMatchObject({
      MetricName: 'Errors',
      Threshold: 0,
    });
    expect(byName('shopeasy-prod-cart-events-failures')).toMatchObject({
      MetricName: 'ApproximateNumberOfMessagesVisible',
      Threshold: 0,
    });
    for (const name of ['iterator-age', 'lambda-errors', 'failures'])
      expect(byName(`shopeasy-prod-cart-events-${name}`)?.AlarmActions, name).toEqual([expect.anything()]);
  });
});
