import type { KinesisClient, PutRecordsCommand } from '@aws-sdk/client-kinesis';
import {
  decodeInventoryEvent,
  publishInventoryEvents,
  putInventoryEvents,
  type InventoryEvent,
} from '@shopeasy/events';
import type { Logger } from '@shopeasy/service-kit/telemetry';
import { describe, expect, it } from 'vitest';

const event = (n: number): InventoryEvent => ({
  id: `evt_${n}`,
  type: 'cart.item.added',
  productId: 'prd_1',
  userId: `usr_${n}`,
  quantityDelta: 1,
  occurredAt: '2026-12-07T10:00:00.000Z',
});

/** A stream whose shard refuses the records named in `refusals`, one refusal per attempt listed. */
function throttledStream(refusals: string[][]) {
  const sent: string[][] = [];
  const kinesis = {
    send: async (command: PutRecordsCommand) => {
      const ids = (command.input.Records ?? []).map((r) => decodeInventoryEvent(r.Data!).id);
      const refused = refusals[sent.length] ?? [];
      sent.push(ids);
      return {
        Records: ids.map((id) =>
          refused.includes(id) ? { ErrorCode: 'ProvisionedThroughputExceededException' } : { ShardId: 's' },
        ),
      };
    },
  } as unknown as KinesisClient;
  return { kinesis, sent };
}

function recordingLogger() {
  const errors: { lost?: InventoryEvent[] }[] = [];
  const logger = { error: (fields: { lost?: InventoryEvent[] }) => errors.push(fields) } as unknown as Logger;
  return { logger, errors };
}

describe('putting inventory events on a throttled stream', () => {
  it('When a shard refuses a record every time, then it is sent as often as the relay allows and answered as not put', async () => {
    const { kinesis, sent } = throttledStream(Array.from({ length: 4 }, () => ['evt_2']));
    const refused = await putInventoryEvents(kinesis, 'inventory', [event(1), event(2)], 4);
    expect(sent).toEqual([['evt_1', 'evt_2'], ...Array.from({ length: 3 }, () => ['evt_2'])]);
    expect(refused.map((e) => e.id)).toEqual(['evt_2']);
  });

  it('When the call fails as a whole, then the relay hears of it (thrown), not a silent loss', async () => {
    const kinesis = {
      send: () => Promise.reject(new Error('ResourceNotFoundException')),
    } as unknown as KinesisClient;
    await expect(putInventoryEvents(kinesis, 'inventory', [event(1)])).rejects.toThrow(
      'ResourceNotFoundException',
    );
  });
});

describe("publishing inventory events best-effort (the catalog's stock events)", () => {
  it('When a shard refuses some records, then only those are sent again and nothing is lost', async () => {
    const { kinesis, sent } = throttledStream([['evt_2'], []]);
    const { logger, errors } = recordingLogger();
    await publishInventoryEvents(kinesis, 'inventory', [event(1), event(2), event(3)], logger);
    expect(sent).toEqual([['evt_1', 'evt_2', 'evt_3'], ['evt_2']]);
    expect(errors).toEqual([]);
  });

  it('When a record is refused three times, then it is logged as lost, the others are not', async () => {
    const { kinesis, sent } = throttledStream([['evt_1', 'evt_2'], ['evt_1'], ['evt_1']]);
    const { logger, errors } = recordingLogger();
    await publishInventoryEvents(kinesis, 'inventory', [event(1), event(2)], logger);
    expect(sent).toHaveLength(3);
    expect(errors).toHaveLength(1);
    expect(errors[0]!.lost?.map((e) => e.id)).toEqual(['evt_1']);
  });
});
