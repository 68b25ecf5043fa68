export { buildApp, type GatewayDeps } from './app.js';
export { defaultApiDocumentPath, loadGatewayConfig, type GatewayConfig } from './config.js';
export { readApiDocument, type Route } from './routing/index.js';
export { wireGateway, type GatewayOverrides, type WiredGateway } from './wiring.js';
