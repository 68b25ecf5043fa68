import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The gateway's throttle as the harness found it; the harness never changes it. */
export interface ThrottleSetting {
  ratePerSecond?: number;
  burst?: number;
  /** Where the figures come from, in words, for the output and the results file. */
  source: string;
}

// The gateway's own defaults (gateway/README.md), used when the variables are not set.
const DEFAULT_RATE = 50;
const DEFAULT_BURST = 100;
const GATEWAY_ENTRY = 'gateway/src/main.ts';

/**
 * Reads THROTTLE_RATE_PER_SECOND / THROTTLE_BURST from the environment of the gateway process
 * that `npm start` recorded in .local/stack-pids.json (Linux /proc). Throttling is per client
 * address, so from one load generator a low setting measures the throttle, not ShopEasy.
 */
export function readGatewayThrottle(repoRoot: string): ThrottleSetting {
  const found = recordedEnvironment(repoRoot, GATEWAY_ENTRY);
  if ('problem' in found) return { source: `unknown: ${found.problem}` };
  return throttleFromEnviron(found.vars, found.pid);
}

/** The throttle a gateway started with these variables runs with. */
export function throttleFromEnviron(vars: ReadonlyMap<string, string>, pid: number): ThrottleSetting {
  const rate = vars.get('THROTTLE_RATE_PER_SECOND');
  const burst = vars.get('THROTTLE_BURST');
  const how = rate === undefined && burst === undefined ? 'gateway defaults, variables not set' : 'set';
  return {
    ratePerSecond: rate === undefined ? DEFAULT_RATE : Number(rate),
    burst: burst === undefined ? DEFAULT_BURST : Number(burst),
    source: `${how}; read from the environment of gateway pid ${pid}`,
  };
}

/**
 * The environment of the process `npm start` recorded for an entry point (Linux /proc), or why it
 * cannot be read.
 */
export function recordedEnvironment(
  repoRoot: string,
  entry: string,
): { vars: Map<string, string>; pid: number } | { problem: string } {
  const name = entry.split('/src/')[0];
  const pid = recordedPid(repoRoot, entry);
  if (pid === undefined)
    return { problem: `no ${name} in .local/stack-pids.json (not started by \`npm start\`?)` };
  try {
    if (!readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(entry))
      return { problem: `pid ${pid} is no longer ${name}` };
    return { vars: parseEnviron(readFileSync(`/proc/${pid}/environ`, 'utf8')), pid };
  } catch {
    return { problem: `could not read the environment of ${name} pid ${pid}` };
  }
}

/** A NUL-separated process environment (/proc/<pid>/environ) as variables. */
export function parseEnviron(environ: string): Map<string, string> {
  return new Map(
    environ
      .split('\0')
      .filter((line) => line.includes('='))
      .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
  );
}

/** True when the throttle is known and would cap one client well below the targets. */
export function throttleTooLow(setting: ThrottleSetting, needPerSecond: number): boolean {
  const { ratePerSecond, burst } = setting;
  if (ratePerSecond === undefined || burst === undefined) return false;
  return ratePerSecond < needPerSecond || burst < needPerSecond;
}

export function describeThrottle(setting: ThrottleSetting): string {
  if (setting.ratePerSecond === undefined)
    return `Gateway throttle: ${setting.source}; 429s below would show it.`;
  return (
    `Gateway throttle: ${setting.ratePerSecond} req/s sustained, burst ${setting.burst}, per client ` +
    `(${setting.source}). The harness does not change it.`
  );
}

export const RESTART_HINT =
  'Restart the stack with a throttle that does not stand in the way of one load generator:\n' +
  '  THROTTLE_RATE_PER_SECOND=100000 THROTTLE_BURST=100000 \\\n' +
  '  AUTH_THROTTLE_RATE_PER_MINUTE=100000 AUTH_THROTTLE_BURST=100000 npm start';

/** The pid `npm start` recorded in .local/stack-pids.json for an entry point. */
export function recordedPid(repoRoot: string, entry: string): number | undefined {
  try {
    const recorded = JSON.parse(readFileSync(join(repoRoot, '.local', 'stack-pids.json'), 'utf8')) as {
      pid: number;
      entry: string;
    }[];
    return recorded.find((p) => p.entry === entry)?.pid;
  } catch {
    return undefined;
  }
}
