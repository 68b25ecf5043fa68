// Finds the drawn resources a text names: an ARN (by service and physical name, wildcards too), an
// SQS queue URL, or a plain physical name such as a table name in an environment variable.
import type { TopologyNode } from './model.js';

// Resource types written before the name in an ARN's resource part (table/x, function:x).
const TYPE_PREFIX = /^(table|stream|function|identity|loadbalancer\/(app|net)|deliverystream)[/:]/;

export interface Match {
  readonly nodes: readonly TopologyNode[];
  /** True when a wildcard named them (e.g. table/*), so a reader sees "all tables", not each one. */
  readonly wildcard: boolean;
}

/** The nodes that a text refers to; none when it names nothing drawn. */
export function matchText(text: string, nodes: readonly TopologyNode[]): Match {
  const named = nameIn(text);
  if (!named) {
    // A plain value names a resource only by its full physical name.
    return { nodes: nodes.filter((n) => n.service !== 'ecs' && n.names.includes(text)), wildcard: false };
  }
  const { service, name } = named;
  const candidates = nodes.filter((n) => n.service === service);
  if (!name.includes('*'))
    return { nodes: candidates.filter((n) => n.names.includes(name)), wildcard: false };
  if (name === '*' && service !== 's3' && service !== 'dynamodb') return { nodes: [], wildcard: true };
  const pattern = new RegExp(`^${name.split('*').map(escape).join('.*')}$`);
  return { nodes: candidates.filter((n) => n.names.some((x) => pattern.test(x))), wildcard: true };
}

function nameIn(text: string): { service: string; name: string } | undefined {
  if (text.startsWith('arn:')) {
    const parts = text.split(':');
    const service = parts[2] ?? '';
    const resource = parts.slice(5).join(':').replace(TYPE_PREFIX, '');
    return { service, name: resource.split(/[/:]/)[0] ?? '' };
  }
  const url = /^https:\/\/sqs\.[^/]+\/[^/]+\/([^/?]+)$/.exec(text);
  if (url?.[1]) return { service: 'sqs', name: url[1] };
  return undefined;
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
