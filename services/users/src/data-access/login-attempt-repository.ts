import {
  DeleteCommand,
  GetCommand,
  PutCommand,
  UpdateCommand,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import { isConditionFailed } from '@shopeasy/service-kit/aws';
import { TTL_ATTRIBUTE } from '@shopeasy/resources';
import type { LoginAttemptStore } from '../domain/ports.js';
import { keys } from './keys.js';

type Item = Record<string, unknown> | undefined;
const live = (item: Item, now: number): item is Record<string, unknown> =>
  item !== undefined && Number(item[TTL_ATTRIBUTE]) > now;

/**
 * Per account (`LOGIN#<email>`): one item per client that has tried it (`CLIENT#<address>`:
 * attempts, wait, TTL) and one failure count (`ACCOUNT`). The table's TTL deletes them
 * eventually, so expiry is checked here too; the attempts and TTL as read make the condition of
 * the next write, so two racing attempts cannot both pass one check.
 */
export function createLoginAttemptRepository(db: DynamoDBDocumentClient, table: string): LoginAttemptStore {
  const get = async (key: Record<string, string>): Promise<Item> =>
    (await db.send(new GetCommand({ TableName: table, Key: key, ConsistentRead: true }))).Item;

  return {
    async read(email, client, now) {
      const [mine, account] = await Promise.all([
        get(keys.loginClient(email, client)),
        get(keys.loginAccount(email)),
      ]);
      const current = live(mine, now);
      return {
        attempts: current ? Number(mine.attempts) : 0,
        notBefore: current ? Number(mine.notBefore) : 0,
        expiresAt: current ? Number(mine[TTL_ATTRIBUTE]) : 0,
        accountFailures: live(account, now) ? Number(account.failures) : 0,
      };
    },

    async take(email, client, seen, next, now) {
      const condition =
        seen.attempts > 0
          ? {
              ConditionExpression: 'attempts = :attempts AND #ttl = :ttl',
              ExpressionAttributeValues: { ':attempts': seen.attempts, ':ttl': seen.expiresAt },
            }
          : {
              ConditionExpression: 'attribute_not_exists(pk) OR #ttl <= :now',
              ExpressionAttributeValues: { ':now': now },
            };
      try {
        await db.send(
          new PutCommand({
            TableName: table,
            Item: {
              ...keys.loginClient(email, client),
              attempts: next.attempts,
              notBefore: next.notBefore,
              [TTL_ATTRIBUTE]: next.expiresAt,
            },
            ExpressionAttributeNames: { '#ttl': TTL_ATTRIBUTE },
            ...condition,
          }),
        );
        return true;
      } catch (error) {
        if (isConditionFailed(error)) return false;
        throw error;
      }
    },

    async recordFailure(email, expiresAt) {
      await db.send(
        new UpdateCommand({
          TableName: table,
          Key: keys.loginAccount(email),
          UpdateExpression: 'ADD failures :one SET #ttl = :ttl',
          ExpressionAttributeNames: { '#ttl': TTL_ATTRIBUTE },
          ExpressionAttributeValues: { ':one': 1, ':ttl': expiresAt },
        }),
      );
    },

    async clear(email, client) {
      await Promise.all(
        [keys.loginClient(email, client), keys.loginAccount(email)].map((key) =>
          db.send(new DeleteCommand({ TableName: table, Key: key })),
        ),
      );
    },
  };
}
