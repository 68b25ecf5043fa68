import type { QueueId, TableId } from './names.js';

/** Who uses what: the basis for least-privilege task roles and each service's environment. */
export interface ServiceAccess {
  readonly tables: readonly TableId[];
  /** Publishes domain events on the events topic. */
  readonly publishesEvents: boolean;
  readonly consumesQueues: readonly QueueId[];
  readonly sendsToQueues: readonly QueueId[];
  readonly inventoryStream: 'none' | 'read' | 'write' | 'readWrite';
  readonly sendsEmail: boolean;
  /** Reads these tables' change streams (an outbox relay). */
  readonly readsTableStreams: readonly TableId[];
}

export const SERVICE_NAMES = [
  'users',
  'catalog',
  'cart',
  'orders',
  'feedback',
  'notifications',
  'cartEvents',
] as const;
export type ServiceName = (typeof SERVICE_NAMES)[number];

const none: ServiceAccess = {
  tables: [],
  publishesEvents: false,
  consumesQueues: [],
  sendsToQueues: [],
  inventoryStream: 'none',
  sendsEmail: false,
  readsTableStreams: [],
};

export const SERVICE_ACCESS: Readonly<Record<ServiceName, ServiceAccess>> = {
  users: { ...none, tables: ['users'], publishesEvents: true },
  catalog: { ...none, tables: ['catalog'], consumesQueues: ['catalogEvents'], inventoryStream: 'readWrite' },
  // The cart writes no event itself: each cart item carries its outbox (below, cartEvents).
  cart: { ...none, tables: ['cart'] },
  orders: { ...none, tables: ['orders'], publishesEvents: true },
  feedback: {
    ...none,
    tables: ['feedback'],
    publishesEvents: true,
    consumesQueues: ['feedbackReviews'],
    sendsToQueues: ['feedbackReviews'],
  },
  // functions/notifications: SNS -> SQS -> Lambda -> SES
  notifications: { ...none, tables: ['emails'], consumesQueues: ['notifications'], sendsEmail: true },
  // functions/cart-events: cart table stream (the carts' outbox) -> Lambda -> inventory stream
  cartEvents: { ...none, readsTableStreams: ['cart'], inventoryStream: 'write' },
};
