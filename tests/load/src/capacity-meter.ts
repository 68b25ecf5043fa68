import { setTimeout as sleep } from 'node:timers/promises';
import {
  readCapacity,
  resetCapacity,
  type CapacityReading,
  type DynamoDbCapacityRow,
  type KinesisCapacityRow,
} from '@shopeasy/local-aws/capacity';
import { recordedEnvironment } from './gateway-throttle.js';

// The meter's client and types: packages/local-aws/src/capacity.ts.
export type DynamoRow = DynamoDbCapacityRow;
export type KinesisRow = KinesisCapacityRow;
export type { CapacityReading };

/** What one window of a scenario cost: the requests the harness sent per label, and the raw rows. */
export interface CapacityWindow {
  requests: Record<string, number>;
  seconds: number;
  dynamodb: readonly DynamoRow[];
  kinesis: readonly KinesisRow[];
}

/** A scenario's capacity; `miss` is the cold probe of the read scenarios (every key a cache miss). */
export interface ScenarioCapacity extends CapacityWindow {
  miss?: CapacityWindow;
}

const PATH = '/_shopeasy/capacity';
// The inventory consumer and other workers keep writing after the last answer; bounded so a busy
// stack cannot hold the run.
const SETTLE_LIMIT_MS = 15_000;

export interface CapacityMeter {
  endpoint: string;
  reset(): Promise<void>;
  /** Reads once the stack is quiet: two reads 1 s apart with no new DynamoDB writes (at most 15 s). */
  readSettled(): Promise<CapacityReading>;
}

/** The emulator endpoint of `npm start`: AWS_ENDPOINT_URL, else the catalog's, else the default. */
export function meterEndpoint(repoRoot: string, env: NodeJS.ProcessEnv): string {
  if (env.AWS_ENDPOINT_URL) return env.AWS_ENDPOINT_URL.replace(/\/+$/, '');
  const found = recordedEnvironment(repoRoot, 'services/catalog/src/main.ts');
  const recorded = 'vars' in found ? found.vars.get('AWS_ENDPOINT_URL') : undefined;
  return (recorded ?? 'http://127.0.0.1:4566').replace(/\/+$/, '');
}

/** The meter, or why there is none (LocalStack or an older emulator answers no capacity). */
export async function openMeter(endpoint: string): Promise<CapacityMeter | { problem: string }> {
  try {
    await readCapacity(endpoint);
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    return { problem: `no capacity meter at ${endpoint}${PATH} (${why})` };
  }
  return {
    endpoint,
    reset: () => resetCapacity(endpoint),
    readSettled: async () => {
      const started = Date.now();
      let last = await readCapacity(endpoint);
      while (Date.now() - started < SETTLE_LIMIT_MS) {
        await sleep(1000);
        const next = await readCapacity(endpoint);
        if (writeRequests(next) === writeRequests(last)) return next;
        last = next;
      }
      return last;
    },
  };
}

export function writeRequests(reading: CapacityReading): number {
  return reading.dynamodb.reduce((n, r) => n + (r.kind === 'write' ? r.requests : 0), 0);
}

/** The window's figures: the reading's rows with the requests sent and its length in seconds. */
export function toWindow(reading: CapacityReading, requests: Record<string, number>): CapacityWindow {
  const seconds = (Date.parse(reading.until) - Date.parse(reading.since)) / 1000;
  return {
    requests,
    seconds: Number.isFinite(seconds) ? seconds : 0,
    dynamodb: reading.dynamodb,
    kinesis: reading.kinesis,
  };
}
