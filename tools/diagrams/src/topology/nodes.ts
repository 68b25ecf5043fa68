// The boxes of the topology: the resources a reader of a topology looks for. Left out on purpose
// (noise here): log groups, alarms, dashboards, KMS keys, IAM roles and policies, secrets, security
// groups and the VPC, SSM parameters, target groups and listeners (drawn as edge labels), and
// Lambda functions that only serve CloudFormation: custom-resource providers (named as a
// ServiceToken) and CDK's helpers (log retention, bucket notifications, auto-delete, AwsCustomResource).
import type { KindName } from '../style.js';
import { allResources, key, property, type Resource, type Stack } from './assembly.js';
import type { TopologyNode } from './model.js';
import { addresses, type Resolver } from './resolve.js';

interface Shape {
  readonly kind: KindName;
  readonly service: string;
  readonly nameProperty: string;
  readonly label: (name: string, resource: Resource) => string;
}

const SHAPES: Record<string, Shape> = {
  'AWS::WAFv2::WebACL': { kind: 'edge', service: 'wafv2', nameProperty: 'Name', label: (n) => `WAF\n${n}` },
  'AWS::ApiGateway::RestApi': {
    kind: 'edge',
    service: 'apigateway',
    nameProperty: 'Name',
    label: (n) => `API Gateway\n${n}`,
  },
  'AWS::ElasticLoadBalancingV2::LoadBalancer': {
    kind: 'balancer',
    service: 'elasticloadbalancing',
    nameProperty: 'Name',
    label: (n, r) => `${property(r, 'Type') === 'network' ? 'NLB' : 'ALB'} ${n}`,
  },
  'AWS::ECS::Service': {
    kind: 'service',
    service: 'ecs',
    nameProperty: 'ServiceName',
    label: (n, r) => `${n}\n${String(property(r, 'DesiredCount') ?? '?')} tasks`,
  },
  'AWS::Lambda::Function': {
    kind: 'function',
    service: 'lambda',
    nameProperty: 'FunctionName',
    label: (n) => n,
  },
  'AWS::DynamoDB::Table': { kind: 'table', service: 'dynamodb', nameProperty: 'TableName', label: (n) => n },
  'AWS::Kinesis::Stream': { kind: 'stream', service: 'kinesis', nameProperty: 'Name', label: (n) => n },
  'AWS::SNS::Topic': { kind: 'topic', service: 'sns', nameProperty: 'TopicName', label: (n) => n },
  'AWS::SQS::Queue': { kind: 'queue', service: 'sqs', nameProperty: 'QueueName', label: (n) => n },
  'AWS::S3::Bucket': { kind: 'bucket', service: 's3', nameProperty: 'BucketName', label: (n) => n },
  'AWS::SES::EmailIdentity': {
    kind: 'external',
    service: 'ses',
    nameProperty: 'EmailIdentity',
    label: (n) => `SES identity\n${n}`,
  },
};

// CDK's own helper functions, known by the logical ids the CDK gives them.
const CDK_HELPERS =
  /^(LogRetention|BucketNotificationsHandler|CustomS3AutoDeleteObjects|AWS679f53fac002430cb0da5b7982bd2287|CustomVpcRestrictDefaultSG|CustomCDKBucketDeployment|CustomResourceProvider)/;

/** One node per drawn resource of the prod stacks. */
export function topologyNodes(stacks: readonly Stack[], resolver: Resolver): TopologyNode[] {
  const providers = serviceTokens(stacks, resolver);
  const nodes: TopologyNode[] = [];
  for (const { stack, logicalId, resource } of allResources(stacks)) {
    const shape = SHAPES[resource.Type];
    if (!shape) continue;
    if (
      resource.Type === 'AWS::Lambda::Function' &&
      (providers.has(key({ stack, logicalId })) || CDK_HELPERS.test(logicalId))
    )
      continue;
    const name = property(resource, shape.nameProperty);
    const names = typeof name === 'string' ? [name] : [];
    const prefix = namePrefix(stacks.find((s) => s.name === stack));
    const short = (names[0] ?? logicalId).replace(prefix, '').replace(/-\d{12}-[a-z]{2}-[a-z]+-\d$/, '');
    nodes.push({
      id: key({ stack, logicalId }),
      stack,
      logicalId,
      kind: shape.kind,
      label: shape.label(short, resource),
      service: shape.service,
      names,
      resource,
    });
  }
  return nodes;
}

// Functions that a custom resource names as its ServiceToken only exist to deploy the stacks.
function serviceTokens(stacks: readonly Stack[], resolver: Resolver): Set<string> {
  const tokens = new Set<string>();
  for (const { stack, resource } of allResources(stacks)) {
    const token = property(resource, 'ServiceToken');
    if (token === undefined) continue;
    for (const address of addresses(resolver.resolve(token, stack))) tokens.add(key(address));
  }
  return tokens;
}

// Physical names repeat the stack's prefix (ShopEasy-Prod-Data names shopeasy-prod-users).
function namePrefix(stack: Stack | undefined): string {
  if (!stack) return '';
  return `${stack.stackName.slice(0, stack.stackName.length - stack.name.length).toLowerCase()}`;
}
