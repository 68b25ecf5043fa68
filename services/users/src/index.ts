// The package's entry: the app, its wiring and configuration, and the signing-key helpers tests use.
export { buildApp, type UsersAppDeps } from './app.js';
export { loadUsersConfig, LOCAL_ADMIN, type UsersConfig } from './config.js';
export { exportSigningJwk, generateSigningKey, type SigningKey } from './domain/signing-key.js';
export { wireUsers, type UsersOverrides, type UsersWiring } from './wiring.js';
