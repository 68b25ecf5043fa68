// What every edge finder shares: the stacks, the resolver and a way from any value to the nodes it names.
import { allResources, key, type Address, type Resource, type Stack } from './assembly.js';
import { matchText } from './match.js';
import type { TopologyNode } from './model.js';
import type { Resolver } from './resolve.js';

export interface Named {
  readonly nodes: TopologyNode[];
  readonly wildcard: boolean;
}

export class TopologyContext {
  private readonly byId: Map<string, TopologyNode>;

  constructor(
    readonly stacks: readonly Stack[],
    readonly resolver: Resolver,
    readonly nodes: readonly TopologyNode[],
  ) {
    this.byId = new Map(nodes.map((n) => [n.id, n]));
  }

  node(address: Address): TopologyNode | undefined {
    return this.byId.get(key(address));
  }

  resource(address: Address): Resource | undefined {
    return this.stacks.find((s) => s.name === address.stack)?.template.Resources?.[address.logicalId];
  }

  /** Every resource of one type, in a stable order. */
  ofType(type: string): (Address & { resource: Resource })[] {
    return allResources(this.stacks).filter((r) => r.resource.Type === type);
  }

  /** The resources (drawn or not) a value refers to. */
  addresses(value: unknown, stack: string): Address[] {
    return this.resolver.resolve(value, stack).flatMap((v) => ('address' in v ? [v.address] : []));
  }

  /** The drawn nodes a value names, by reference or by physical name. */
  named(value: unknown, stack: string): Named {
    const found = new Map<string, TopologyNode>();
    let wildcard = false;
    for (const resolved of this.resolver.resolve(value, stack)) {
      if ('address' in resolved) {
        const node = this.node(resolved.address);
        if (node) found.set(node.id, node);
        continue;
      }
      const match = matchText(resolved.text, this.nodes);
      wildcard ||= match.wildcard && match.nodes.length > 0;
      for (const node of match.nodes) found.set(node.id, node);
    }
    return { nodes: [...found.values()].sort((a, b) => a.id.localeCompare(b.id)), wildcard };
  }
}
