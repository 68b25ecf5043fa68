export { startStreamSource } from './stream-source.js';
export type { BatchSummary, SkippedRange, StreamSource, StreamSourceOptions } from './stream-source.js';
export { toStreamRecord } from './stream-event.js';
export { readCheckpoint, writeCheckpoint } from './checkpoint.js';
export type { Checkpoint, ShardPosition } from './checkpoint.js';
