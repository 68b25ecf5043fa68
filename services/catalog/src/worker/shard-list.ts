import { ListShardsCommand, type KinesisClient, type Shard } from '@aws-sdk/client-kinesis';

/** Every shard of a stream, open and closed (ListShards, all pages). */
export async function listShards(kinesis: KinesisClient, streamName: string): Promise<Shard[]> {
  const shards: Shard[] = [];
  let token: string | undefined;
  do {
    const page = await kinesis.send(
      new ListShardsCommand(token ? { NextToken: token } : { StreamName: streamName }),
    );
    shards.push(...(page.Shards ?? []));
    token = page.NextToken;
  } while (token);
  return shards;
}

/**
 * Shards to start reading: not read yet, not finished, and whose parents (after a reshard) are
 * finished or gone from the stream, so each product's events are applied in order.
 */
export function shardsToStart(
  shards: Pick<Shard, 'ShardId' | 'ParentShardId' | 'AdjacentParentShardId'>[],
  reading: ReadonlySet<string>,
  finished: ReadonlySet<string>,
): string[] {
  const listed = new Set(shards.map((shard) => shard.ShardId));
  return shards.flatMap((shard) => {
    const id = shard.ShardId;
    if (!id || reading.has(id) || finished.has(id)) return [];
    const waiting = [shard.ParentShardId, shard.AdjacentParentShardId].some(
      (parent) => !!parent && listed.has(parent) && !finished.has(parent),
    );
    return waiting ? [] : [id];
  });
}
