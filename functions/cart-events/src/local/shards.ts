import {
  DescribeStreamCommand,
  type DynamoDBStreamsClient,
  type Shard,
} from '@aws-sdk/client-dynamodb-streams';
import type { Checkpoint } from './checkpoint.js';

/** Every shard of the stream; forgets the positions of shards trimmed from it. */
export async function listShards(streams: DynamoDBStreamsClient, streamArn: string, checkpoint: Checkpoint) {
  const shards: Shard[] = [];
  let start: string | undefined;
  do {
    const page = await streams.send(
      new DescribeStreamCommand({ StreamArn: streamArn, ExclusiveStartShardId: start }),
    );
    shards.push(...(page.StreamDescription?.Shards ?? []));
    start = page.StreamDescription?.LastEvaluatedShardId;
  } while (start);
  const listed = new Set(shards.map((s) => s.ShardId));
  for (const id of Object.keys(checkpoint.shards)) if (!listed.has(id)) delete checkpoint.shards[id];
  return shards;
}

/** The shards to read now: not read to their end, and whose parent (if still listed) is. */
export function readable(shards: readonly Shard[], checkpoint: Checkpoint): string[] {
  const listed = new Set(shards.map((s) => s.ShardId));
  return shards
    .filter((s) => s.ShardId && !checkpoint.shards[s.ShardId]?.ended)
    .filter(
      (s) => !s.ParentShardId || !listed.has(s.ParentShardId) || checkpoint.shards[s.ParentShardId]?.ended,
    )
    .map((s) => s.ShardId!);
}
