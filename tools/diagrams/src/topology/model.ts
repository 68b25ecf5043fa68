// The topology as data: the boxes (one per drawn resource) and the summarized edges between them.
import type { KindName } from '../style.js';
import type { Resource } from './assembly.js';

/** What an edge means, which sets its line style. */
export type Meaning = 'calls' | 'data' | 'events' | 'told';

export interface TopologyNode {
  /** `<stack>/<logicalId>`, unique in the assembly. */
  readonly id: string;
  readonly stack: string;
  readonly logicalId: string;
  kind: KindName;
  readonly label: string;
  /** The AWS service prefix in its ARNs (dynamodb, sqs, ...), to match ARNs that name it. */
  readonly service: string;
  /** Physical names that other stacks use to refer to it. */
  readonly names: readonly string[];
  readonly resource: Resource;
  /** A cluster inside the stack's cluster (e.g. the ECS cluster its services run in). */
  group?: { readonly id: string; readonly label: string };
}

export interface TopologyEdge {
  readonly from: string;
  readonly to: string;
  readonly meaning: Meaning;
  readonly label: string;
  /** Set when `to` uses `from` (a consumer and its queue): laid out above it, the arrow still to `to`. */
  readonly upstream?: boolean;
  /** Environment variables that tell the task or function about the other end. */
  readonly variables?: readonly string[];
  /** Set when the edge stands for every resource of a stack it names with a wildcard. */
  readonly toStack?: string;
}

export interface Topology {
  readonly nodes: readonly TopologyNode[];
  readonly edges: readonly TopologyEdge[];
  /** CloudFormation stack name by short name (Data: ShopEasy-Prod-Data). */
  readonly stackNames: Readonly<Record<string, string>>;
  /** References that lead outside the assembly, for the reader of the code (not drawn). */
  readonly unresolved: readonly string[];
}
