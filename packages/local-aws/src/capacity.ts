/** One DynamoDB row of the reading: what AWS would bill for one key of requests. */
export interface DynamoDbCapacityRow {
  readonly table: string;
  /** Secondary index name; null for the base table. */
  readonly index: string | null;
  /** Partition key value the units landed in (the index's partition key for an index row). */
  readonly partition: string;
  /** Base-table item as `pk|sk` (or `pk`); null for Query and Scan reads. */
  readonly item: string | null;
  readonly operation: DynamoDbOperation;
  readonly kind: 'read' | 'write';
  readonly consistent: boolean;
  readonly transactional: boolean;
  /** Requests (or, for batches and transactions, items) that charged this row. */
  readonly requests: number;
  /** Read or write units, by DynamoDB's on-demand rules. */
  readonly units: number;
  readonly bytes: number;
  readonly maxItemBytes: number;
}

export type DynamoDbOperation =
  | 'Query'
  | 'Scan'
  | 'GetItem'
  | 'PutItem'
  | 'UpdateItem'
  | 'DeleteItem'
  | 'BatchGetItem'
  | 'BatchWriteItem'
  | 'TransactWriteItems'
  | 'TransactGetItems';

/** One Kinesis row: records into a shard (`in`, PutRecord/PutRecords) or read from it (`out`, GetRecords). */
export interface KinesisCapacityRow {
  readonly stream: string;
  readonly shard: string;
  readonly direction: 'in' | 'out';
  readonly calls: number;
  readonly records: number;
  /** Data plus partition key bytes. */
  readonly bytes: number;
}

/** GET /_shopeasy/capacity: everything the emulator served since `since` (its start or last reset). */
export interface CapacityReading {
  readonly since: string;
  readonly until: string;
  readonly dynamodb: readonly DynamoDbCapacityRow[];
  readonly kinesis: readonly KinesisCapacityRow[];
}

/** How long a meter call may take: the emulator answers at once, or something else is there. */
const CALL_TIMEOUT_MS = 5_000;

/** Clears the meter (POST /_shopeasy/capacity/reset, 204). */
export async function resetCapacity(endpoint: string): Promise<void> {
  const response = await fetch(`${endpoint}/_shopeasy/capacity/reset`, {
    method: 'POST',
    signal: AbortSignal.timeout(CALL_TIMEOUT_MS),
  });
  await response.body?.cancel();
  if (response.status !== 204) throw new Error(`reset answered ${response.status}, expected 204`);
}

/** What the meter holds (GET /_shopeasy/capacity); refuses an answer that is not a reading. */
export async function readCapacity(endpoint: string): Promise<CapacityReading> {
  const response = await fetch(`${endpoint}/_shopeasy/capacity`, {
    signal: AbortSignal.timeout(CALL_TIMEOUT_MS),
  });
  if (!response.ok) {
    await response.body?.cancel();
    throw new Error(`answered ${response.status}`);
  }
  const body = (await response.json()) as Partial<CapacityReading>;
  if (!Array.isArray(body.dynamodb) || !Array.isArray(body.kinesis))
    throw new Error('the answer has no dynamodb and kinesis lists');
  return body as CapacityReading;
}
