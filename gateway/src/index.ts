export { buildGateway, type Gateway, type GatewayDeps } from './app.js';
export { defaultApiDocumentPath, loadGatewayConfig, stageVariables, type GatewayConfig } from './config.js';
export { gatewayDeps } from './deps.js';
export { readApiDocument, type Route } from './routing/index.js';
