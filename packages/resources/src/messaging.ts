import type { QueueId } from './names.js';

/** Every domain event published on the events topic. */
export const EVENT_TYPES = [
  'user.registered',
  'order.placed',
  'order.paid',
  'order.cancelled',
  'order.shipped',
  'review.accepted',
] as const;
export type EventType = (typeof EVENT_TYPES)[number];

/** SNS message attribute (String) that carries the event type; subscriptions filter on it. */
export const EVENT_TYPE_ATTRIBUTE = 'type';

/** A filter on the `type` attribute: exact event types and/or type prefixes such as `order.`. */
export interface EventFilter {
  readonly types: readonly EventType[];
  readonly prefixes: readonly string[];
}

export interface QueueSpec {
  readonly id: QueueId;
  readonly purpose: string;
  /** Longer than the slowest consumer's processing of one batch. */
  readonly visibilityTimeoutSeconds: number;
  readonly retentionSeconds: number;
  /** Every queue has its own dead-letter queue. */
  readonly dlq: { readonly maxReceiveCount: number; readonly retentionSeconds: number };
  /** Set when the queue is subscribed to the events topic. */
  readonly subscription?: { readonly filter: EventFilter; readonly rawMessageDelivery: boolean };
}

const FOUR_DAYS = 4 * 24 * 3600;
const FOURTEEN_DAYS = 14 * 24 * 3600;
export const MAX_RECEIVE_COUNT = 5;

function queue(id: QueueId, purpose: string, subscription?: QueueSpec['subscription']): QueueSpec {
  return {
    id,
    purpose,
    visibilityTimeoutSeconds: 60,
    retentionSeconds: FOUR_DAYS,
    dlq: { maxReceiveCount: MAX_RECEIVE_COUNT, retentionSeconds: FOURTEEN_DAYS },
    ...(subscription ? { subscription } : {}),
  };
}

export const QUEUES: readonly QueueSpec[] = [
  queue('feedbackReviews', 'Review submissions, consumed by the feedback service'),
  queue('notifications', 'order.* and user.registered events for the customer notifications function', {
    filter: { types: ['user.registered'], prefixes: ['order.'] },
    rawMessageDelivery: false,
  }),
  queue('catalogEvents', 'review.accepted events for the catalog rating summary', {
    filter: { types: ['review.accepted'], prefixes: [] },
    rawMessageDelivery: false,
  }),
];

/** The spec of one queue by id. */
export function queueSpec(id: QueueId): QueueSpec {
  const spec = QUEUES.find((q) => q.id === id);
  if (!spec) throw new Error(`No queue spec for ${id}`);
  return spec;
}

/** The SNS filter policy (MessageAttributes scope) for an event filter. */
export function filterPolicy(filter: EventFilter): Record<string, unknown[]> {
  return {
    [EVENT_TYPE_ATTRIBUTE]: [...filter.types, ...filter.prefixes.map((prefix) => ({ prefix }))],
  };
}

/** Whether an event type passes a filter (used by local runners and tests). */
export function matchesFilter(filter: EventFilter, type: string): boolean {
  return (
    (filter.types as readonly string[]).includes(type) || filter.prefixes.some((p) => type.startsWith(p))
  );
}

/** The Kinesis stream carrying inventory-intent events from cart to catalog. */
export const INVENTORY_STREAM = {
  /** Provisioned shards (locally always); production may switch the stream to on-demand. */
  shardCount: 2,
  retentionHours: 24,
} as const;

/** The assets bucket (product images and exports). */
export const ASSETS_BUCKET = { versioned: true } as const;
