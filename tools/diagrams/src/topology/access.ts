// What each ECS task and Lambda function may use (its roles' IAM policy statements) and is told about
// (its environment variables), summarized as one edge per (task or function, resource) pair.
import { isRecord, key, listOf, property, type Address } from './assembly.js';
import type { TopologyContext } from './context.js';
import type { TopologyEdge, TopologyNode } from './model.js';
import { verbsOf } from './verbs.js';
import { KINDS } from '../style.js';

interface Use {
  readonly owner: TopologyNode;
  readonly target: TopologyNode;
  readonly verbs: Set<string>;
  readonly variables: Set<string>;
  wildcard: boolean;
}

/** Edges from each task or function to what it may use or is told about. */
export function accessEdges(context: TopologyContext): TopologyEdge[] {
  const uses = new Map<string, Use>();
  const use = (owner: TopologyNode, target: TopologyNode) => {
    const id = `${owner.id}>${target.id}`;
    const found = uses.get(id) ?? { owner, target, verbs: new Set(), variables: new Set(), wildcard: false };
    uses.set(id, found);
    return found;
  };
  for (const owner of context.nodes) {
    const { roles, environments } = identity(context, owner);
    for (const statement of roles.flatMap((role) => statements(context, role))) {
      const named = context.named(statement.resource, statement.stack);
      for (const target of named.nodes) {
        if (target.id === owner.id) continue;
        const entry = use(owner, target);
        for (const verb of verbsOf(statement.actions)) entry.verbs.add(verb);
        entry.wildcard ||= named.wildcard;
      }
    }
    for (const { stack, variables } of environments)
      for (const name of Object.keys(variables).sort())
        for (const target of context.named(variables[name], stack).nodes)
          if (target.id !== owner.id) use(owner, target).variables.add(name);
  }
  return [...uses.values()].flatMap((u) => edgesOf(u));
}

function edgesOf({ owner, target, verbs, variables, wildcard }: Use): TopologyEdge[] {
  const may = [...verbs].sort();
  if (may.length === 0 && variables.size === 0) return [];
  const eventful = ['sns', 'sqs', 'kinesis'].includes(target.service);
  const meaning =
    may.length === 0 ? 'told' : may.includes('invokes') ? 'calls' : eventful ? 'events' : 'data';
  // A consumer reads from its queue or stream: the arrow follows the messages.
  const inbound = eventful && may.length > 0 && may.every((v) => v === 'consumes' || v === 'reads');
  const label = may.length > 0 ? may.join(', ') : 'told about';
  if (wildcard) {
    const all = `${may.join(', ')} every ${KINDS[target.kind].label} (*)`;
    return [{ from: owner.id, to: target.id, meaning, label: all, toStack: target.stack }];
  }
  const [from, to] = inbound ? [target.id, owner.id] : [owner.id, target.id];
  return [{ from, to, meaning, label, variables: [...variables].sort(), upstream: inbound }];
}

interface Statement {
  readonly stack: string;
  readonly actions: string[];
  readonly resource: unknown;
}

// The roles a node runs as, and the environment it is given.
function identity(context: TopologyContext, owner: TopologyNode) {
  const roles: Address[] = [];
  const environments: { stack: string; variables: Record<string, unknown> }[] = [];
  if (owner.resource.Type === 'AWS::Lambda::Function') {
    roles.push(...context.addresses(property(owner.resource, 'Role'), owner.stack));
    const environment = property(owner.resource, 'Environment');
    if (isRecord(environment) && isRecord(environment.Variables))
      environments.push({ stack: owner.stack, variables: environment.Variables });
  }
  if (owner.resource.Type === 'AWS::ECS::Service') {
    for (const task of taskDefinitions(context, owner)) {
      const definition = context.resource(task);
      roles.push(...context.addresses(property(definition, 'TaskRoleArn'), task.stack));
      roles.push(...context.addresses(property(definition, 'ExecutionRoleArn'), task.stack));
      for (const container of listOf(property(definition, 'ContainerDefinitions'))) {
        if (!isRecord(container)) continue;
        const variables: Record<string, unknown> = {};
        for (const pair of listOf(container.Environment))
          if (isRecord(pair) && typeof pair.Name === 'string') variables[pair.Name] = pair.Value;
        environments.push({ stack: task.stack, variables });
      }
    }
  }
  return { roles, environments };
}

// A service names its task definition by reference or by family name.
function taskDefinitions(context: TopologyContext, service: TopologyNode): Address[] {
  const value = property(service.resource, 'TaskDefinition');
  const byReference = context.addresses(value, service.stack);
  if (byReference.length > 0) return byReference;
  return context
    .ofType('AWS::ECS::TaskDefinition')
    .filter((t) => t.stack === service.stack && property(t.resource, 'Family') === value);
}

// The Allow statements of every policy attached to a role, inline or managed, in its stack.
function statements(context: TopologyContext, role: Address): Statement[] {
  const documents: { stack: string; document: unknown }[] = [];
  const managed = listOf(property(context.resource(role), 'ManagedPolicyArns'))
    .flatMap((arn) => context.addresses(arn, role.stack))
    .map(key);
  for (const type of ['AWS::IAM::Policy', 'AWS::IAM::ManagedPolicy'])
    for (const { stack, logicalId, resource } of context.ofType(type)) {
      const attached = context.addresses(property(resource, 'Roles'), stack).map(key);
      if (attached.includes(key(role)) || managed.includes(key({ stack, logicalId })))
        documents.push({ stack, document: property(resource, 'PolicyDocument') });
    }
  for (const inline of listOf(property(context.resource(role), 'Policies')))
    if (isRecord(inline)) documents.push({ stack: role.stack, document: inline.PolicyDocument });
  return documents.flatMap(({ stack, document }) =>
    listOf(isRecord(document) ? document.Statement : undefined)
      .filter((s): s is Record<string, unknown> => isRecord(s) && s.Effect !== 'Deny')
      .map((s) => ({ stack, actions: listOf(s.Action).map(String), resource: s.Resource })),
  );
}
