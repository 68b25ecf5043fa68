import { DeleteCommand, PutCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { TTL_ATTRIBUTE } from '@shopeasy/resources';
import type { LoginAttempts } from '../domain/model.js';
import type { LoginThrottleStore } from '../domain/ports.js';
import { isConditionFailed } from './dynamo-errors.js';
import { keys } from './keys.js';

/**
 * Login attempts per email (`LOGIN#<email>`): a counter whose window end is also its TTL. The
 * table's TTL deletes old counters eventually, so the window end is always checked here too.
 */
export function createLoginThrottleRepository(db: DynamoDBDocumentClient, table: string): LoginThrottleStore {
  return {
    async countAttempt(email, now, windowSeconds) {
      // Two racing "first attempts" both fail the increment; one opens the window, the other retries.
      for (let round = 0; round < 3; round += 1) {
        const counted = await increment(db, table, email, now);
        if (counted) return counted;
        const opened = await openWindow(db, table, email, now, now + windowSeconds);
        if (opened) return opened;
      }
      throw new Error('Could not count the login attempt.');
    },

    async reset(email) {
      await db.send(new DeleteCommand({ TableName: table, Key: keys.loginAttempts(email) }));
    },
  };
}

/** Adds one attempt to a running window; undefined when no window is running. */
async function increment(
  db: DynamoDBDocumentClient,
  table: string,
  email: string,
  now: number,
): Promise<LoginAttempts | undefined> {
  try {
    const { Attributes } = await db.send(
      new UpdateCommand({
        TableName: table,
        Key: keys.loginAttempts(email),
        UpdateExpression: 'ADD attempts :one',
        ConditionExpression: '#ends > :now',
        ExpressionAttributeNames: { '#ends': TTL_ATTRIBUTE },
        ExpressionAttributeValues: { ':one': 1, ':now': now },
        ReturnValues: 'ALL_NEW',
      }),
    );
    return { count: Number(Attributes?.attempts), windowEndsAt: Number(Attributes?.[TTL_ATTRIBUTE]) };
  } catch (error) {
    if (isConditionFailed(error)) return undefined;
    throw error;
  }
}

/** Starts a window with this attempt, unless another request just did. */
async function openWindow(
  db: DynamoDBDocumentClient,
  table: string,
  email: string,
  now: number,
  windowEndsAt: number,
): Promise<LoginAttempts | undefined> {
  try {
    await db.send(
      new PutCommand({
        TableName: table,
        Item: { ...keys.loginAttempts(email), attempts: 1, [TTL_ATTRIBUTE]: windowEndsAt },
        ConditionExpression: 'attribute_not_exists(pk) OR #ends <= :now',
        ExpressionAttributeNames: { '#ends': TTL_ATTRIBUTE },
        ExpressionAttributeValues: { ':now': now },
      }),
    );
    return { count: 1, windowEndsAt };
  } catch (error) {
    if (isConditionFailed(error)) return undefined;
    throw error;
  }
}
