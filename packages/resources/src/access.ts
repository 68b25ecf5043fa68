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
}

export const SERVICE_NAMES = ['users', 'catalog', 'cart', 'orders', 'feedback', 'notifications'] as const;
export type ServiceName = (typeof SERVICE_NAMES)[number];

const none: ServiceAccess = {
  tables: [],
  publishesEvents: false,
  consumesQueues: [],
  sendsToQueues: [],
  inventoryStream: 'none',
  sendsEmail: false,
};

export const SERVICE_ACCESS: Readonly<Record<ServiceName, ServiceAccess>> = {
  users: { ...none, tables: ['users'], publishesEvents: true },
  catalog: { ...none, tables: ['catalog'], consumesQueues: ['catalogEvents'], inventoryStream: 'readWrite' },
  cart: { ...none, tables: ['cart'], inventoryStream: 'write' },
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
};
