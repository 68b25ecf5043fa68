import { GetCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { PK, SK } from '@shopeasy/resources';
import type { ReadinessCheck } from './health.js';

// Errors of the AWS SDK recognised by name, so that duplicate SDK copies still match.

/** A single conditional write whose condition did not hold. */
export function isConditionFailed(error: unknown): boolean {
  return (error as { name?: string } | null)?.name === 'ConditionalCheckFailedException';
}

/** Reason codes of a cancelled transaction, one per item; undefined for any other error. */
export function cancellationCodes(error: unknown): string[] | undefined {
  const e = error as { name?: string; CancellationReasons?: { Code?: string }[] } | null;
  if (e?.name !== 'TransactionCanceledException') return undefined;
  return (e.CancellationReasons ?? []).map((r) => r.Code ?? 'None');
}

/** A transaction cancelled because one of its conditions did not hold. */
export function isTransactionConditionFailed(error: unknown): boolean {
  return cancellationCodes(error)?.includes('ConditionalCheckFailed') ?? false;
}

/** A transaction cancelled only because another one touched the same items: worth retrying. */
export function isTransactionConflict(error: unknown): boolean {
  const codes = cancellationCodes(error);
  return !!codes && codes.includes('TransactionConflict') && !codes.includes('ConditionalCheckFailed');
}

/** Runs a transactional write, retrying a few times on transaction conflicts. */
export async function withConflictRetry<T>(write: () => Promise<T>, attempts = 4): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await write();
    } catch (error) {
      if (attempt >= attempts || !isTransactionConflict(error)) throw error;
      await new Promise((resolve) => setTimeout(resolve, 10 * 2 ** attempt * Math.random()));
    }
  }
}

/** Runs a conditional write; undefined instead of an error when its condition did not hold. */
export async function unlessConditionFails<T>(write: () => Promise<T>): Promise<T | undefined> {
  try {
    return await write();
  } catch (error) {
    if (isConditionFailed(error)) return undefined;
    throw error;
  }
}

/**
 * The readiness check of a service's own table: a GetItem of a key that never exists is cheap,
 * and needs only the read permission the service has.
 */
export function tableReadiness(db: DynamoDBDocumentClient, table: string, name: string): ReadinessCheck {
  return {
    name,
    async check() {
      await db.send(new GetCommand({ TableName: table, Key: { [PK]: 'READINESS', [SK]: 'READINESS' } }));
    },
  };
}

/**
 * The write shard of an id (FNV-1a of it, modulo `shards`): the same id always lands in the same
 * one, and ids spread evenly, so a hot partition key becomes `<key>#<shard>` with a merged read.
 */
export function writeShard(id: string, shards: number): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) hash = Math.imul(hash ^ id.charCodeAt(i), 0x01000193) >>> 0;
  return hash % shards;
}
