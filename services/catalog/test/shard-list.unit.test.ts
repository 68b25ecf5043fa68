import { describe, expect, it } from 'vitest';
import { shardsToStart } from '../src/worker/shard-list.js';

const shard = (id: string, parent?: string, adjacent?: string) => ({
  ShardId: id,
  ...(parent ? { ParentShardId: parent } : {}),
  ...(adjacent ? { AdjacentParentShardId: adjacent } : {}),
});

describe('which shards the inventory consumer reads', () => {
  it('When the stream has several shards, then every one is read', () => {
    expect(shardsToStart([shard('s0'), shard('s1')], new Set(), new Set())).toEqual(['s0', 's1']);
  });

  it('When a shard was split, then its children wait until the parent is read to the end', () => {
    const shards = [shard('s0'), shard('s1', 's0'), shard('s2', 's0')];
    expect(shardsToStart(shards, new Set(), new Set())).toEqual(['s0']);
    expect(shardsToStart(shards, new Set(), new Set(['s0']))).toEqual(['s1', 's2']);
  });

  it('When two shards were merged, then the child waits for both parents', () => {
    const shards = [shard('a'), shard('b'), shard('c', 'a', 'b')];
    expect(shardsToStart(shards, new Set(['a', 'b']), new Set(['a']))).toEqual([]);
    expect(shardsToStart(shards, new Set(), new Set(['a', 'b']))).toEqual(['c']);
  });

  it('When a parent has aged out of the stream, then its children are read right away', () => {
    expect(shardsToStart([shard('s1', 's0')], new Set(), new Set())).toEqual(['s1']);
  });

  it('When a shard is being read or is finished, then it is not started again', () => {
    expect(shardsToStart([shard('s0'), shard('s1')], new Set(['s0']), new Set(['s1']))).toEqual([]);
  });
});
