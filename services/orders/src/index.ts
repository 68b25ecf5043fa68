// The orders service as a package: its app, its wiring and its configuration.
export { buildApp, type OrdersAppDeps } from './app.js';
export { loadOrdersConfig, UNSET_SECRET, type OrdersConfig } from './config.js';
export type { PaymentProvider } from './domain/payment-provider.js';
export type { Sweeper } from './domain/recovery.js';
export { wireOrders, type OrdersOverrides, type WiredOrders } from './wiring.js';
