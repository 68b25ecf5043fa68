import { existsSync, readFileSync } from 'node:fs';

// The part of tests/load/results/latest.json the model reads (tests/load/src/capacity-meter.ts).
export interface DynamoRow {
  table: string;
  index: string | null;
  partition: string;
  item: string | null;
  operation: string;
  kind: 'read' | 'write';
  consistent: boolean;
  transactional: boolean;
  requests: number;
  units: number;
  bytes: number;
  maxItemBytes: number;
}

export interface KinesisRow {
  stream: string;
  shard: string;
  direction: 'in' | 'out';
  calls: number;
  records: number;
  bytes: number;
}

export interface CapacityWindow {
  requests: Record<string, number>;
  seconds: number;
  dynamodb: DynamoRow[];
  kinesis: KinesisRow[];
}

export interface ScenarioCapacity extends CapacityWindow {
  miss?: CapacityWindow;
}

export interface ScenarioFigures {
  name: string;
  cpu?: { perRequestMs: Record<string, number> };
}

export interface LoadResults {
  date: string;
  scenarios: ScenarioFigures[];
  /** The checkout burst, with the CPU each process spent per checkout until its order settled. */
  checkout?: { cpu?: { perRequestMs: Record<string, number> } };
  capacity?: Partial<Record<string, ScenarioCapacity>>;
}

/** A results file the model cannot use; main prints the message and exits 2. */
export class ResultsError extends Error {}

export function readLoadResults(file: string): LoadResults & { capacity: Record<string, ScenarioCapacity> } {
  if (!existsSync(file)) throw new ResultsError(`No load results at ${file}: run \`npm run load\` first.`);
  let results: Partial<LoadResults>;
  try {
    results = JSON.parse(readFileSync(file, 'utf8')) as Partial<LoadResults>;
  } catch (error) {
    throw new ResultsError(`${file} is not JSON: ${(error as Error).message}`);
  }
  if (typeof results.date !== 'string' || !Array.isArray(results.scenarios))
    throw new ResultsError(`${file} is not a results file of \`npm run load\`.`);
  const capacity = results.capacity ?? {};
  const recorded = Object.entries(capacity).filter(([, c]) => c && Array.isArray(c.dynamodb));
  if (recorded.length === 0)
    throw new ResultsError(
      `The load results in ${file} (${results.date}) predate capacity recording: they hold no access ` +
        'patterns. Start the stack with `npm start` (its AWS emulator meters capacity), run ' +
        '`npm run load`, then `npm run capacity` again.',
    );
  return {
    ...(results as LoadResults),
    capacity: Object.fromEntries(recorded) as Record<string, ScenarioCapacity>,
  };
}
