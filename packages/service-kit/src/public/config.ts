// Configuration from the environment, validated once at start-up.
export { ConfigError, loadConfig, localDefault, parseConfig } from '../config.js';
