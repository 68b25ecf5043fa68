// Configuration from the environment, validated once at start-up.
export { ConfigError, cloudRules, loadConfig, localDefault, parseConfig } from '../config.js';
export { armFaultPause, faultPause, faultPauseShape } from '../fault-pause.js';
