// Edges that resources declare about each other: WAF associations, event source mappings, SNS
// subscriptions, queue redrive, bucket access logs and replication; and the ECS cluster per service.
import { isRecord, listOf, property } from './assembly.js';
import type { TopologyContext } from './context.js';
import type { TopologyEdge, TopologyNode } from './model.js';

/** The declared edges, and boxes for subscribers outside the assembly (an e-mail address, a URL).
 * Queues that receive failures become dead-letter queues on the way. */
export function wiringEdges(context: TopologyContext): { edges: TopologyEdge[]; outside: TopologyNode[] } {
  const edges: TopologyEdge[] = [];
  const outsiders: TopologyNode[] = [];
  const link = (
    from: TopologyNode[],
    to: TopologyNode[],
    meaning: TopologyEdge['meaning'],
    label: string,
  ) => {
    for (const a of from)
      for (const b of to) if (a.id !== b.id) edges.push({ from: a.id, to: b.id, meaning, label });
  };

  for (const { stack, resource } of context.ofType('AWS::WAFv2::WebACLAssociation')) {
    const acl = context.named(property(resource, 'WebACLArn'), stack).nodes;
    link(acl, context.named(property(resource, 'ResourceArn'), stack).nodes, 'calls', 'filters');
  }

  for (const { stack, resource } of context.ofType('AWS::Lambda::EventSourceMapping')) {
    const fn = context.named(property(resource, 'FunctionName'), stack).nodes;
    const source = context.named(property(resource, 'EventSourceArn'), stack).nodes;
    const batch = property(resource, 'BatchSize');
    const kind = source.some((s) => s.kind === 'table') ? 'DynamoDB stream' : 'event source';
    link(source, fn, 'events', `${kind}${batch === undefined ? '' : `, batch ${String(batch)}`}`);
    const config = property(resource, 'DestinationConfig');
    const failure = isRecord(config) && isRecord(config.OnFailure) ? config.OnFailure.Destination : undefined;
    const failures = context.named(failure, stack).nodes;
    for (const queue of failures) if (queue.kind === 'queue') queue.kind = 'deadLetter';
    link(fn, failures, 'events', 'failed batches');
  }

  for (const { stack, logicalId, resource } of context.ofType('AWS::SNS::Subscription')) {
    const topic = context.named(property(resource, 'TopicArn'), stack).nodes;
    const label = filterLabel(property(resource, 'FilterPolicy'));
    const endpoint = context.named(property(resource, 'Endpoint'), stack).nodes;
    if (endpoint.length > 0) link(topic, endpoint, 'events', label);
    else {
      outsiders.push(outside(stack, logicalId, resource));
      link(topic, outsiders.slice(-1), 'events', label);
    }
  }

  for (const { stack, logicalId, resource } of context.ofType('AWS::SQS::Queue')) {
    const policy = property(resource, 'RedrivePolicy');
    if (!isRecord(policy)) continue;
    const dlq = context.named(policy.deadLetterTargetArn, stack).nodes;
    for (const queue of dlq) if (queue.kind === 'queue') queue.kind = 'deadLetter';
    const queue = context.node({ stack, logicalId });
    const after =
      policy.maxReceiveCount === undefined ? '' : ` after ${String(policy.maxReceiveCount)} receives`;
    if (queue) link([queue], dlq, 'events', `redrive${after}`);
  }

  for (const { stack, logicalId, resource } of context.ofType('AWS::S3::Bucket')) {
    const bucket = context.node({ stack, logicalId });
    if (!bucket) continue;
    const logging = property(resource, 'LoggingConfiguration');
    if (isRecord(logging))
      link([bucket], context.named(logging.DestinationBucketName, stack).nodes, 'data', 'access logs');
    const replication = property(resource, 'ReplicationConfiguration');
    const rules = isRecord(replication) ? listOf(replication.Rules) : [];
    for (const rule of rules) {
      const destination = isRecord(rule) && isRecord(rule.Destination) ? rule.Destination.Bucket : undefined;
      link([bucket], context.named(destination, stack).nodes, 'data', 'replicates');
    }
  }

  groupServicesByCluster(context);
  return { edges, outside: outsiders };
}

function outside(
  stack: string,
  logicalId: string,
  resource: { Type: string; Properties?: Record<string, unknown> },
): TopologyNode {
  const protocol = String(property(resource, 'Protocol') ?? 'endpoint');
  const endpoint = property(resource, 'Endpoint');
  const node: TopologyNode = {
    id: `${stack}/${logicalId}`,
    stack,
    logicalId,
    kind: 'external',
    label: `${protocol}\n${typeof endpoint === 'string' ? endpoint : '(endpoint)'}`,
    service: protocol,
    names: [],
    resource,
  };
  return node;
}

// "type: user.registered, order.*": what a subscription lets through, in one line.
function filterLabel(policy: unknown): string {
  if (!isRecord(policy)) return 'all messages';
  return Object.keys(policy)
    .sort()
    .map((attribute) => {
      const values = listOf(policy[attribute]).map((v) =>
        isRecord(v) && typeof v.prefix === 'string'
          ? `${v.prefix}*`
          : JSON.stringify(v).replace(/^"|"$/g, ''),
      );
      return `${attribute}: ${values.join(', ')}`;
    })
    .join('; ');
}

function groupServicesByCluster(context: TopologyContext): void {
  for (const node of context.nodes.filter((n) => n.kind === 'service')) {
    const [cluster] = context.addresses(property(node.resource, 'Cluster'), node.stack);
    const resource = cluster ? context.resource(cluster) : undefined;
    if (!cluster || !resource) continue;
    const name = property(resource, 'ClusterName') ?? cluster.logicalId;
    const launch = property(node.resource, 'LaunchType');
    node.group = {
      id: `${cluster.stack}/${cluster.logicalId}`,
      label: `ECS cluster ${String(name)}${typeof launch === 'string' ? ` (${launch.toLowerCase()})` : ''}`,
    };
  }
}
