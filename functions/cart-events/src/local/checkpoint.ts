import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/** Where the runner is in each shard of one stream: the last record of the last completed batch. */
export interface ShardPosition {
  sequenceNumber?: string;
  /** The shard is closed and every record of it was handled. */
  ended?: boolean;
}

export interface Checkpoint {
  streamArn: string;
  shards: Record<string, ShardPosition>;
}

/**
 * The positions kept in `file` for `streamArn`; none without a file, or when the file is another
 * stream's (a table created again has a new stream, whose shards start over).
 */
export function readCheckpoint(file: string | undefined, streamArn: string): Checkpoint {
  const empty = { streamArn, shards: {} };
  if (!file) return empty;
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return empty;
    throw error;
  }
  const saved = JSON.parse(text) as Partial<Checkpoint>;
  if (saved.streamArn !== streamArn || typeof saved.shards !== 'object' || saved.shards === null)
    return empty;
  return { streamArn, shards: saved.shards };
}

/** Writes the checkpoint whole or not at all: a runner killed mid-write leaves the previous one. */
export function writeCheckpoint(file: string | undefined, checkpoint: Checkpoint): void {
  if (!file) return;
  mkdirSync(dirname(file), { recursive: true });
  const partial = `${file}.${process.pid}.tmp`;
  writeFileSync(partial, `${JSON.stringify(checkpoint)}\n`);
  renameSync(partial, file);
}
