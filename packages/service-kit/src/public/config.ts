// Configuration from the environment, validated once at start-up.
export { ConfigError, loadConfig } from '../config.js';
