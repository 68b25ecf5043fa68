export * from './domain-events.js';
export * from './inventory-events.js';
export { domainEvent, publishEvent } from './publish.js';
export {
  CART_KEY_SPREAD,
  inventoryPartitionKey,
  publishInventoryEvents,
  putInventoryEvents,
} from './inventory-stream.js';
export { CART_OUTBOX_ATTRIBUTE, cartOutboxEvents, readCartOutbox, type CartOutbox } from './cart-outbox.js';
