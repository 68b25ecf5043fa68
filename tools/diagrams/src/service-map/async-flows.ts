// Asynchronous flows from the one list of who uses what (packages/resources: SERVICE_ACCESS and
// QUEUES, from which the CDK grants each task and function its access): the events topic, each
// queue with its dead-letter queue, the inventory stream and the table streams that relay outboxes.
import {
  EVENT_TYPES,
  QUEUES,
  resourceNames,
  SERVICE_ACCESS,
  type ServiceAccess,
  type QueueSpec,
} from '@shopeasy/resources';
import { inventoryEventTypes, namedTypes, publishedDomainEvents, shorten } from './event-types.js';
import { wrap, type MapEdge, type MapNode } from './graph.js';
import { allSources, kebab, type Component } from './sources.js';
import { externalId, nodeId } from './sync-calls.js';

export interface AccessSources {
  readonly access: Readonly<Record<string, ServiceAccess>>;
  readonly queues: readonly QueueSpec[];
}

const TOPIC = 'topic:events';
const STREAM = 'stream:inventory';
const queueId = (id: string) => `queue:${id}`;
const tableStreamId = (table: string) => `table-stream:${table}`;

/** The nodes and edges of every asynchronous flow, with the event types each producer's code names. */
export function asyncFlows(
  root: string,
  all: readonly Component[],
  sources: AccessSources = { access: SERVICE_ACCESS, queues: QUEUES },
): { nodes: MapNode[]; edges: MapEdge[] } {
  const names = resourceNames('prod');
  const inventory = inventoryEventTypes(root);
  const nodes: MapNode[] = [];
  const edges: MapEdge[] = [];
  const component = (name: string) => {
    const found = all.find((c) => c.name === kebab(name));
    if (!found)
      throw new Error(`${name} has access to AWS resources but no folder under services/ or functions/`);
    nodes.push({
      id: nodeId(found),
      kind: found.kind === 'function' ? 'function' : 'service',
      label: found.name,
    });
    return found;
  };
  const code = new Map<string, string>();
  const source = (c: Component) => code.get(c.name) ?? code.set(c.name, allSources(root, c)).get(c.name)!;
  const entries = Object.entries(sources.access).sort(([a], [b]) => a.localeCompare(b));
  // A relay writes what the outboxes it reads hold (their owners' code names the types); another
  // writer what its own code names, less what the relays carry (those it only reads).
  const relayed = (name: string, access: ServiceAccess) =>
    access.readsTableStreams.length === 0
      ? undefined
      : access.readsTableStreams
          .flatMap((t) => owners(entries, t).filter((o) => o !== name))
          .flatMap((o) => namedTypes(source(component(o)), inventory));
  const relayedByAll = new Set(
    entries.filter(([, a]) => writes(a)).flatMap(([name, a]) => relayed(name, a) ?? []),
  );

  for (const [name, access] of entries) {
    const c = component(name);
    if (access.publishesEvents) {
      nodes.push({ id: TOPIC, kind: 'topic', label: `events topic\n${names.eventsTopic}` });
      const types = shorten(publishedDomainEvents(source(c), EVENT_TYPES), EVENT_TYPES);
      edges.push({ from: nodeId(c), to: TOPIC, label: wrap(types, 2), mode: 'async' });
    }
    for (const id of access.sendsToQueues) {
      const spec = sources.queues.find((q) => q.id === id);
      edges.push({
        from: nodeId(c),
        to: queueId(id),
        label: spec?.purpose.split(',')[0] ?? '',
        mode: 'async',
      });
    }
    for (const id of access.consumesQueues)
      edges.push({ from: queueId(id), to: nodeId(c), label: '', mode: 'async' });
    if (access.inventoryStream !== 'none')
      nodes.push({ id: STREAM, kind: 'stream', label: `inventory stream\n${names.inventoryStream}` });
    if (writes(access)) {
      const types =
        relayed(name, access) ?? namedTypes(source(c), inventory).filter((t) => !relayedByAll.has(t));
      edges.push({ from: nodeId(c), to: STREAM, label: wrap(shorten(types, inventory), 2), mode: 'async' });
    }
    if (access.inventoryStream === 'read' || access.inventoryStream === 'readWrite')
      edges.push({ from: STREAM, to: nodeId(c), label: '', mode: 'async' });
    for (const table of access.readsTableStreams) {
      nodes.push({
        id: tableStreamId(table),
        kind: 'table',
        label: `${names.tables[table]}\nchange stream (outbox)`,
      });
      for (const owner of owners(entries, table).map(component))
        edges.push({
          from: nodeId(owner),
          to: tableStreamId(table),
          label: 'outbox in each write',
          mode: 'async',
        });
      edges.push({ from: tableStreamId(table), to: nodeId(c), label: '', mode: 'async' });
    }
    if (access.sendsEmail) {
      nodes.push({ id: externalId('ses'), kind: 'external', label: 'Amazon SES\n(customer email)' });
      edges.push({ from: nodeId(c), to: externalId('ses'), label: 'SendEmail', mode: 'async' });
    }
  }
  for (const queue of sources.queues) {
    const q = names.queues[queue.id];
    nodes.push({ id: queueId(queue.id), kind: 'queue', label: q.name });
    nodes.push({ id: `dlq:${queue.id}`, kind: 'deadLetter', label: q.dlqName });
    edges.push({
      from: queueId(queue.id),
      to: `dlq:${queue.id}`,
      label: `after ${queue.dlq.maxReceiveCount} receives`,
      mode: 'async',
    });
    if (queue.subscription) {
      const { types, prefixes } = queue.subscription.filter;
      const filter = [...types, ...prefixes.map((p) => `${p}*`)];
      edges.push({ from: TOPIC, to: queueId(queue.id), label: wrap(filter, 2), mode: 'async' });
    }
  }
  return { nodes, edges };
}

const writes = (a: ServiceAccess) => a.inventoryStream === 'write' || a.inventoryStream === 'readWrite';

/** Who owns a table (has it in `tables`) and does not merely read its stream. */
function owners(entries: readonly [string, ServiceAccess][], table: string): string[] {
  return entries.filter(([, a]) => (a.tables as readonly string[]).includes(table)).map(([n]) => n);
}
