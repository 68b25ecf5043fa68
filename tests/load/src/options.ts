import { resolve } from 'node:path';
import { parseArgs } from 'node:util';

export const SCENARIOS = ['browse', 'detail', 'search', 'cart', 'checkout'] as const;
export type ScenarioName = (typeof SCENARIOS)[number];

export interface LoadOptions {
  gatewayUrl: string;
  connections: number;
  durationSeconds: number;
  /** A request without an answer after this long counts as a timeout. */
  timeoutSeconds: number;
  buyers: number;
  units: number;
  scenarios: ScenarioName[];
  outDir: string;
  /** Run even though the gateway's throttle would answer most requests with 429. */
  allowThrottle: boolean;
}

export const USAGE = `npm run load -- [options]           (every option also has an environment variable)
  --gateway <url>        GATEWAY_URL            default http://127.0.0.1:8080 (127.0.0.1/localhost only)
  --connections <n>      LOAD_CONNECTIONS       concurrent clients, default 16
  --duration <s>         LOAD_DURATION_SECONDS  seconds per scenario, default 10
  --timeout <s>          LOAD_TIMEOUT_SECONDS   a request unanswered this long is a timeout, default 10
  --buyers <n>           LOAD_BUYERS            checkout under contention: buyers, default 100
  --units <n>            LOAD_UNITS             checkout under contention: units in stock, default 30
  --scenarios <list>     LOAD_SCENARIOS         comma-separated subset of ${SCENARIOS.join(',')}
  --out <dir>            LOAD_OUTPUT_DIR        default tests/load/results
  --allow-throttle                              measure even if the gateway throttle is low`;

/** Reads flags, then environment variables, then defaults; throws with a readable message. */
export function parseOptions(argv: string[], env: NodeJS.ProcessEnv, repoRoot: string): LoadOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      gateway: { type: 'string' },
      connections: { type: 'string' },
      duration: { type: 'string' },
      timeout: { type: 'string' },
      buyers: { type: 'string' },
      units: { type: 'string' },
      scenarios: { type: 'string' },
      out: { type: 'string' },
      'allow-throttle': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) throw new UsageError(USAGE, true);
  const gatewayUrl = (values.gateway ?? env.GATEWAY_URL ?? 'http://127.0.0.1:8080').replace(/\/+$/, '');
  const host = new URL(gatewayUrl).hostname;
  if (!['127.0.0.1', 'localhost'].includes(host)) {
    throw new UsageError(`The harness loads 127.0.0.1 only; ${gatewayUrl} is elsewhere.`);
  }
  const scenarios = (values.scenarios ?? env.LOAD_SCENARIOS ?? SCENARIOS.join(','))
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  for (const s of scenarios) {
    if (!(SCENARIOS as readonly string[]).includes(s)) {
      throw new UsageError(`Unknown scenario "${s}"; choose from ${SCENARIOS.join(', ')}.`);
    }
  }
  return {
    gatewayUrl,
    connections: positive('connections', values.connections ?? env.LOAD_CONNECTIONS, 16),
    durationSeconds: positive('duration', values.duration ?? env.LOAD_DURATION_SECONDS, 10),
    timeoutSeconds: positive('timeout', values.timeout ?? env.LOAD_TIMEOUT_SECONDS, 10),
    buyers: positive('buyers', values.buyers ?? env.LOAD_BUYERS, 100),
    units: positive('units', values.units ?? env.LOAD_UNITS, 30),
    scenarios: scenarios as ScenarioName[],
    outDir: resolve(repoRoot, values.out ?? env.LOAD_OUTPUT_DIR ?? 'tests/load/results'),
    allowThrottle: values['allow-throttle'] ?? false,
  };
}

function positive(name: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1)
    throw new UsageError(`--${name} must be a positive integer, not "${raw}".`);
  return n;
}

export class UsageError extends Error {
  constructor(
    message: string,
    /** The usage was asked for: print it and succeed. */
    readonly asked = false,
  ) {
    super(message);
  }
}
