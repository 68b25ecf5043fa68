export * from './domain-events.js';
export * from './inventory-events.js';
