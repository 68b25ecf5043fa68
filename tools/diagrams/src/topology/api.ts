// The request path from API Gateway to the ECS services, as the templates define it: each
// operation's integration (VPC link and host port from the stage variables), the NLB listener on
// that port, its target group (the ALB), the ALB listener and the target group an ECS service
// registers in. One edge per hop, labelled with its ports and the number of operations behind it.
import { addresses } from './resolve.js';
import { isRecord, key, listOf, property, type Address } from './assembly.js';
import type { TopologyContext } from './context.js';
import type { TopologyEdge, TopologyNode } from './model.js';

interface Hop {
  readonly from: TopologyNode;
  readonly to: TopologyNode;
  readonly ports: Set<number>;
  readonly protocols: Set<string>;
  operations: number;
  readonly via?: string;
}

export function apiEdges(context: TopologyContext): TopologyEdge[] {
  const hops = new Map<string, Hop>();
  const hop = (from: TopologyNode, to: TopologyNode, port?: number, protocol?: string, via?: string) => {
    const id = `${from.id}>${to.id}`;
    const found = hops.get(id) ?? { from, to, ports: new Set(), protocols: new Set(), operations: 0, via };
    if (port !== undefined) found.ports.add(port);
    if (protocol) found.protocols.add(protocol);
    found.operations += 1;
    hops.set(id, found);
  };
  const edges: TopologyEdge[] = [];
  for (const api of context.nodes.filter((n) => n.resource.Type === 'AWS::ApiGateway::RestApi')) {
    const body = property(api.resource, 'Body');
    const variables = stageVariables(context, api);
    const expand = (value: unknown): unknown =>
      typeof value === 'string'
        ? value.replace(
            /\$\{stageVariables\.(\w+)\}/g,
            (m, name: string) => textOf(context, variables[name], api.stack) ?? m,
          )
        : value;
    for (const integration of integrations(body)) {
      const connection = /^\$\{stageVariables\.(\w+)\}$/.exec(String(integration.connectionId ?? ''));
      const link = connection?.[1] ? variables[connection[1]] : integration.connectionId;
      const vpcLinks = integration.connectionType === 'VPC_LINK' ? context.addresses(link, api.stack) : [];
      const port = Number(/^https?:\/\/[^/:]+:(\d+)/.exec(String(expand(integration.uri)))?.[1] ?? NaN);
      for (const vpcLink of vpcLinks) {
        const name = String(property(context.resource(vpcLink), 'Name') ?? vpcLink.logicalId);
        for (const nlb of context.named(property(context.resource(vpcLink), 'TargetArns'), vpcLink.stack)
          .nodes) {
          hop(api, nlb, undefined, undefined, `VPC link ${name}`);
          if (!Number.isNaN(port)) follow(context, nlb, port, hop);
        }
      }
      if (vpcLinks.length === 0)
        for (const target of context.named(integration.uri, api.stack).nodes)
          hop(api, target, undefined, undefined, 'integration');
    }
    for (const authorizer of authorizerUris(body))
      for (const fn of context.named(authorizer, api.stack).nodes)
        if (!edges.some((e) => e.to === fn.id))
          edges.push({ from: api.id, to: fn.id, meaning: 'calls', label: 'authorizer' });
  }
  for (const h of [...hops.values()].sort((a, b) =>
    `${a.from.id}>${a.to.id}`.localeCompare(`${b.from.id}>${b.to.id}`),
  )) {
    const ports = h.ports.size > 0 ? `${[...h.protocols].sort().join('/')} ${portList([...h.ports])}` : '';
    const label = [h.via, ports, `${h.operations} operations`].filter(Boolean).join('\n');
    edges.push({ from: h.from.id, to: h.to.id, meaning: 'calls', label });
  }
  return edges;
}

type HopFn = (from: TopologyNode, to: TopologyNode, port?: number, protocol?: string) => void;

// From a load balancer's port, through its listener and target group, to what serves it.
function follow(context: TopologyContext, balancer: TopologyNode, port: number, hop: HopFn, depth = 0): void {
  if (depth > 4) return;
  for (const { stack, resource } of context.ofType('AWS::ElasticLoadBalancingV2::Listener')) {
    const on = context.addresses(property(resource, 'LoadBalancerArn'), stack).map(key);
    if (!on.includes(balancer.id) || Number(property(resource, 'Port')) !== port) continue;
    const protocol = String(property(resource, 'Protocol') ?? '');
    for (const group of targetGroups(context, property(resource, 'DefaultActions'), stack)) {
      const targetGroup = context.resource(group);
      for (const target of listOf(property(targetGroup, 'Targets'))) {
        if (!isRecord(target)) continue;
        for (const next of context.named(target.Id, group.stack).nodes) {
          hop(balancer, next, port, protocol);
          follow(context, next, Number(target.Port ?? port), hop, depth + 1);
        }
      }
      for (const service of context.ofType('AWS::ECS::Service')) {
        const registered = listOf(property(service.resource, 'LoadBalancers')).flatMap((lb) =>
          isRecord(lb) ? context.addresses(lb.TargetGroupArn, service.stack).map(key) : [],
        );
        const node = context.node(service);
        if (node && registered.includes(key(group))) hop(balancer, node, port, protocol);
      }
    }
  }
}

function targetGroups(context: TopologyContext, actions: unknown, stack: string): Address[] {
  return listOf(actions).flatMap((action) => {
    if (!isRecord(action)) return [];
    const forward = isRecord(action.ForwardConfig) ? listOf(action.ForwardConfig.TargetGroups) : [];
    const arns = [action.TargetGroupArn, ...forward.map((g) => (isRecord(g) ? g.TargetGroupArn : undefined))];
    return arns.flatMap((arn) => (arn === undefined ? [] : context.addresses(arn, stack)));
  });
}

function stageVariables(context: TopologyContext, api: TopologyNode): Record<string, unknown> {
  const stages = context
    .ofType('AWS::ApiGateway::Stage')
    .filter(({ stack, resource }) =>
      context.addresses(property(resource, 'RestApiId'), stack).some((a) => key(a) === api.id),
    );
  const variables = stages.map(({ resource }) => property(resource, 'Variables')).find(isRecord);
  return variables ?? {};
}

function textOf(context: TopologyContext, value: unknown, stack: string): string | undefined {
  const resolved = context.resolver.resolve(value, stack);
  return addresses(resolved).length > 0
    ? undefined
    : resolved.flatMap((r) => ('text' in r ? [r.text] : []))[0];
}

function integrations(body: unknown): Record<string, unknown>[] {
  const paths = isRecord(body) && isRecord(body.paths) ? body.paths : {};
  return Object.keys(paths)
    .sort()
    .flatMap((path) => Object.values(isRecord(paths[path]) ? paths[path] : {}))
    .flatMap((operation) => (isRecord(operation) ? [operation['x-amazon-apigateway-integration']] : []))
    .filter(isRecord);
}

function authorizerUris(body: unknown): unknown[] {
  const components = isRecord(body) && isRecord(body.components) ? body.components : {};
  const schemes = isRecord(components.securitySchemes) ? components.securitySchemes : {};
  return Object.keys(schemes)
    .sort()
    .flatMap((name) => {
      const scheme = schemes[name];
      const authorizer = isRecord(scheme) ? scheme['x-amazon-apigateway-authorizer'] : undefined;
      return isRecord(authorizer) ? [authorizer.authorizerUri] : [];
    });
}

// ":8081–8085" for a run of ports, ":80, :443" otherwise.
function portList(ports: number[]): string {
  const sorted = ports.sort((a, b) => a - b);
  const first = sorted[0];
  const last = sorted[sorted.length - 1];
  if (first !== undefined && last !== undefined && sorted.length > 2 && last - first === sorted.length - 1)
    return `:${first}–${last}`;
  return sorted.map((p) => `:${p}`).join(', ');
}
