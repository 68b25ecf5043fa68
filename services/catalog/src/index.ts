// The package's entry: the app, its wiring and configuration, and the catalog started in-process (tests, benchmark).
export { buildApp, type CatalogAppDeps } from './app.js';
export { loadCatalogConfig, type CatalogConfig } from './config.js';
export { createCatalogRepository, type CatalogRepository } from './data-access/catalog-repository.js';
export { wireCatalog, type CatalogOverrides, type CatalogWiring } from './wiring.js';
export { startCatalog, type RunningCatalog } from './in-process.js';
