import {
  GetCommand,
  QueryCommand,
  TransactWriteCommand,
  UpdateCommand,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import {
  isConditionFailed,
  isTransactionConditionFailed,
  withConflictRetry,
} from '@shopeasy/service-kit/aws';
import type { RefreshTokenRecord, TokenFamily } from '../domain/model.js';
import type { RefreshTokenStore } from '../domain/ports.js';
import { familyLookup, keys, LOOKUP_INDEX, LOOKUP_PK, LOOKUP_SK } from './keys.js';

/**
 * Refresh tokens (`REFRESH#<sha256>`, only the hash is stored) and their families
 * (`FAMILY#<id>`). The family item is the authority on whether a session is alive: rotation is
 * conditional on it, and revoking it is one write. Tokens expire through the TTL attribute.
 */
export function createRefreshTokenRepository(db: DynamoDBDocumentClient, table: string): RefreshTokenStore {
  const tokenItem = (t: RefreshTokenRecord) => ({
    ...keys.refreshToken(t.tokenHash),
    ...t,
    createdAt: new Date().toISOString(),
    [LOOKUP_PK]: familyLookup(t.familyId),
    [LOOKUP_SK]: `${Date.now().toString().padStart(15, '0')}#${t.tokenHash}`,
  });

  return {
    async startFamily(family, first) {
      await db.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Put: {
                TableName: table,
                Item: { ...keys.family(family.familyId), ...family, expiresAt: first.expiresAt },
              },
            },
            {
              Put: {
                TableName: table,
                Item: tokenItem(first),
                ConditionExpression: 'attribute_not_exists(pk)',
              },
            },
          ],
        }),
      );
    },

    async findToken(tokenHash) {
      const { Item } = await db.send(
        new GetCommand({ TableName: table, Key: keys.refreshToken(tokenHash), ConsistentRead: true }),
      );
      if (!Item) return undefined;
      const { tokenHash: hash, familyId, userId, status, expiresAt } = Item;
      return {
        tokenHash: hash,
        familyId,
        userId,
        status,
        expiresAt: Number(expiresAt),
      } as RefreshTokenRecord;
    },

    async findFamily(familyId) {
      const { Item } = await db.send(
        new GetCommand({ TableName: table, Key: keys.family(familyId), ConsistentRead: true }),
      );
      return Item
        ? ({ familyId: Item.familyId, userId: Item.userId, status: Item.status } as TokenFamily)
        : undefined;
    },

    async rotate(old, next) {
      const active = { ':active': 'active' };
      try {
        await withConflictRetry(() =>
          db.send(
            new TransactWriteCommand({
              TransactItems: [
                {
                  Update: {
                    TableName: table,
                    Key: keys.refreshToken(old.tokenHash),
                    UpdateExpression: 'SET #status = :used, usedAt = :now',
                    ConditionExpression: '#status = :active',
                    ExpressionAttributeNames: { '#status': 'status' },
                    ExpressionAttributeValues: {
                      ...active,
                      ':used': 'used',
                      ':now': new Date().toISOString(),
                    },
                  },
                },
                {
                  // The family lives as long as its newest token.
                  Update: {
                    TableName: table,
                    Key: keys.family(old.familyId),
                    UpdateExpression: 'SET expiresAt = :expiresAt',
                    ConditionExpression: '#status = :active',
                    ExpressionAttributeNames: { '#status': 'status' },
                    ExpressionAttributeValues: { ...active, ':expiresAt': next.expiresAt },
                  },
                },
                {
                  Put: {
                    TableName: table,
                    Item: tokenItem(next),
                    ConditionExpression: 'attribute_not_exists(pk)',
                  },
                },
              ],
            }),
          ),
        );
        return true;
      } catch (error) {
        if (isTransactionConditionFailed(error)) return false;
        throw error;
      }
    },

    async revokeFamily(familyId) {
      await revoke(db, table, keys.family(familyId));
      let startKey: Record<string, unknown> | undefined;
      do {
        const page = await db.send(
          new QueryCommand({
            TableName: table,
            IndexName: LOOKUP_INDEX,
            KeyConditionExpression: '#pk = :family',
            ExpressionAttributeNames: { '#pk': LOOKUP_PK },
            ExpressionAttributeValues: { ':family': familyLookup(familyId) },
            ExclusiveStartKey: startKey,
          }),
        );
        await Promise.all(
          (page.Items ?? []).map((item) => revoke(db, table, keys.refreshToken(String(item.tokenHash)))),
        );
        startKey = page.LastEvaluatedKey;
      } while (startKey);
    },
  };
}

/** Marks an existing item revoked; missing or already revoked items are left alone. */
async function revoke(db: DynamoDBDocumentClient, table: string, key: Record<string, string>): Promise<void> {
  try {
    await db.send(
      new UpdateCommand({
        TableName: table,
        Key: key,
        UpdateExpression: 'SET #status = :revoked, revokedAt = :now',
        ConditionExpression: 'attribute_exists(pk) AND #status <> :revoked',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':revoked': 'revoked', ':now': new Date().toISOString() },
      }),
    );
  } catch (error) {
    if (!isConditionFailed(error)) throw error;
  }
}
