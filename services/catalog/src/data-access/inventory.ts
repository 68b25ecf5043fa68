import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { unlessConditionFails } from '@shopeasy/service-kit/aws';
import { cartEffect, countAfter } from '../domain/inventory.js';
import type { CartChange, CartChangesResult } from '../domain/inventory-ports.js';
import { batchGet, transactWrite, type Table } from './dynamo.js';
import { KEYS, PK, SK } from './keys.js';

const MAX_ATTEMPTS = 5;
/** Sequence numbers are decimal strings of varying length; padded, they compare as strings. */
const POSITION_DIGITS = 80;

export const position = (sequenceNumber: string) => sequenceNumber.padStart(POSITION_DIGITS, '0');

const latest = (changes: readonly CartChange[]) =>
  changes.reduce((at, change) => (change.at > at ? change.at : at), changes[0]!.at);

/**
 * Applies one shard's cart changes of one product (in stream order) to `inCarts` on the product's
 * LIVE item, in one write, exactly once. Exactly once, cheaply: LIVE keeps, per shard, the
 * position of the last change it counted (`applied.<shardId>`), and a write only counts changes
 * after it. A shard is read in order, so one number per shard stands for every event before it:
 * no marker per event (a write each), no transaction on the hot path. A batch read again (a
 * restart before its checkpoint, two readers during a lease handover) fails the condition, and
 * the slow path reads LIVE and counts only what is newer. A decrease below zero stops at 0.
 */
export async function applyCartChanges(
  table: Table,
  shardId: string,
  productId: string,
  changes: readonly CartChange[],
): Promise<CartChangesResult> {
  if (changes.length === 0) return { applied: 0, duplicate: 0 };
  if (await addInOneWrite(table, shardId, productId, changes))
    return { applied: changes.length, duplicate: 0 };
  for (let attempt = 1; attempt < MAX_ATTEMPTS; attempt++) {
    const result = await applyAfterReading(table, shardId, productId, changes);
    if (result) return result;
  }
  throw new Error(`Cart changes of ${productId} on ${shardId} kept conflicting with other writes`);
}

const names = (shardId: string) => ({
  '#pk': PK,
  '#inCarts': 'inCarts',
  '#at': 'inCartsUpdatedAt',
  '#applied': `applied.${shardId}`,
});

/** The common case: LIVE exists, nothing of the batch counted yet, enough counted for the decreases. */
async function addInOneWrite(
  table: Table,
  shardId: string,
  productId: string,
  changes: readonly CartChange[],
) {
  const { sum, floor } = cartEffect(changes.map((change) => change.delta));
  // x + sum >= floor, i.e. no clamp on the way: the sum is the result.
  const needed = floor - sum;
  const written = await unlessConditionFails(() =>
    table.client.send(
      new UpdateCommand({
        TableName: table.name,
        Key: KEYS.live(productId),
        UpdateExpression: 'SET #inCarts = if_not_exists(#inCarts, :zero) + :sum, #at = :at, #applied = :last',
        ConditionExpression: [
          'attribute_exists(#pk)',
          'attribute_not_exists(#deletedAt)',
          '(attribute_not_exists(#applied) OR #applied < :first)',
          ...(needed > 0 ? ['#inCarts >= :needed'] : []),
        ].join(' AND '),
        ExpressionAttributeNames: { ...names(shardId), '#deletedAt': 'deletedAt' },
        ExpressionAttributeValues: {
          ':zero': 0,
          ':sum': sum,
          ':at': latest(changes),
          ':first': position(changes[0]!.sequenceNumber),
          ':last': position(changes.at(-1)!.sequenceNumber),
          ...(needed > 0 ? { ':needed': needed } : {}),
        },
      }),
    ),
  );
  return written !== undefined;
}

/** Reads PRODUCT and LIVE, then writes the exact count on condition that LIVE is still as read. */
async function applyAfterReading(
  table: Table,
  shardId: string,
  productId: string,
  changes: readonly CartChange[],
): Promise<CartChangesResult | undefined> {
  const items = await batchGet(table, [KEYS.product(productId), KEYS.live(productId)]);
  const product = items.find((item) => item[SK] === KEYS.product(productId)[SK]);
  const live = items.find((item) => item[SK] === KEYS.live(productId)[SK]);
  if (!product || product.deletedAt !== undefined || live?.deletedAt !== undefined) return 'unknown-product';
  const applied = live?.[`applied.${shardId}`] as string | undefined;
  const fresh = changes.filter(
    (change) => applied === undefined || position(change.sequenceNumber) > applied,
  );
  const duplicate = changes.length - fresh.length;
  if (fresh.length === 0) return { applied: 0, duplicate };
  const counted = live?.inCarts as number | undefined;
  const values = {
    ':value': countAfter(
      counted ?? 0,
      fresh.map((change) => change.delta),
    ),
    ':at': latest(fresh),
    ':last': position(fresh.at(-1)!.sequenceNumber),
    ...(applied === undefined ? {} : { ':applied': applied }),
    ...(counted === undefined ? {} : { ':counted': counted }),
  };
  const update = {
    TableName: table.name,
    Key: KEYS.live(productId),
    UpdateExpression: `SET #inCarts = :value, #at = :at, #applied = :last${live ? '' : ', #type = :type, #id = :id'}`,
    ConditionExpression: live
      ? [
          'attribute_exists(#pk)',
          'attribute_not_exists(#deletedAt)',
          applied === undefined ? 'attribute_not_exists(#applied)' : '#applied = :applied',
          counted === undefined ? 'attribute_not_exists(#inCarts)' : '#inCarts = :counted',
        ].join(' AND ')
      : 'attribute_not_exists(#pk)',
    ExpressionAttributeNames: {
      ...names(shardId),
      ...(live ? { '#deletedAt': 'deletedAt' } : { '#type': 'type', '#id': 'id' }),
    },
    ExpressionAttributeValues: { ...values, ...(live ? {} : { ':type': 'product-live', ':id': productId }) },
  };
  if (!live) {
    // A product from before LIVE items: created here, only while the product exists.
    const codes = await transactWrite(table, [
      {
        ConditionCheck: {
          TableName: table.name,
          Key: KEYS.product(productId),
          ConditionExpression: 'attribute_exists(#pk) AND attribute_not_exists(#deletedAt)',
          ExpressionAttributeNames: { '#pk': PK, '#deletedAt': 'deletedAt' },
        },
      },
      { Update: update },
    ]);
    return codes ? undefined : { applied: fresh.length, duplicate };
  }
  const written = await unlessConditionFails(async () => {
    await table.client.send(new UpdateCommand(update));
    return true;
  });
  return written ? { applied: fresh.length, duplicate } : undefined;
}
