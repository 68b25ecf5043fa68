export { buildApp, type CartAppDeps } from './app.js';
export { loadCartConfig, type CartConfig } from './config.js';
export type { CartLimits } from './domain/model.js';
export { wireCart, type CartOverrides, type CartWiring } from './wiring.js';
