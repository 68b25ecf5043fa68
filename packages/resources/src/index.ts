export * from './names.js';
export * from './tables.js';
export * from './messaging.js';
export * from './environment.js';
export * from './access.js';
