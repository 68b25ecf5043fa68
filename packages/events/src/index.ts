export * from './domain-events.js';
export * from './inventory-events.js';
export { domainEvent, publishEvent } from './publish.js';
export { CART_KEY_SPREAD, inventoryPartitionKey, publishInventoryEvents } from './inventory-stream.js';
