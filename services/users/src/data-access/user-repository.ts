import {
  GetCommand,
  TransactWriteCommand,
  UpdateCommand,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import {
  isConditionFailed,
  isTransactionConditionFailed,
  withConflictRetry,
} from '@shopeasy/service-kit/aws';
import type { User, UserRecord } from '../domain/model.js';
import type { UserStore } from '../domain/ports.js';
import { keys, LOOKUP_PK, LOOKUP_SK, roleLookup } from './keys.js';

/**
 * Accounts in the users table: `USER#<id>` holds the profile and password hash, `EMAIL#<email>`
 * claims the email. Both are written in one transaction, each on condition that it is new, so
 * an email can belong to one account only however many registrations race for it.
 */
export function createUserRepository(db: DynamoDBDocumentClient, table: string): UserStore {
  const findById = async (id: string) => {
    const { Item } = await db.send(
      new GetCommand({ TableName: table, Key: keys.user(id), ConsistentRead: true }),
    );
    return Item ? toRecord(Item) : undefined;
  };

  return {
    async create(user) {
      try {
        await withConflictRetry(() =>
          db.send(
            new TransactWriteCommand({
              TransactItems: [
                {
                  Put: {
                    TableName: table,
                    Item: { ...keys.email(user.email), userId: user.id, createdAt: user.createdAt },
                    ConditionExpression: 'attribute_not_exists(pk)',
                  },
                },
                {
                  Put: {
                    TableName: table,
                    Item: {
                      ...keys.user(user.id),
                      ...user,
                      updatedAt: user.createdAt,
                      [LOOKUP_PK]: roleLookup(user.role),
                      [LOOKUP_SK]: `${user.createdAt}#${user.id}`,
                    },
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

    findById,

    async findByEmail(email) {
      const { Item } = await db.send(
        new GetCommand({ TableName: table, Key: keys.email(email), ConsistentRead: true }),
      );
      return typeof Item?.userId === 'string' ? findById(Item.userId) : undefined;
    },

    async rename(id, name) {
      try {
        const { Attributes } = await db.send(
          new UpdateCommand({
            TableName: table,
            Key: keys.user(id),
            UpdateExpression: 'SET #name = :name, updatedAt = :now',
            ConditionExpression: 'attribute_exists(pk)',
            ExpressionAttributeNames: { '#name': 'name' },
            ExpressionAttributeValues: { ':name': name, ':now': new Date().toISOString() },
            ReturnValues: 'ALL_NEW',
          }),
        );
        return Attributes ? toUser(toRecord(Attributes)) : undefined;
      } catch (error) {
        if (isConditionFailed(error)) return undefined;
        throw error;
      }
    },

    async replacePasswordHash(id, expected, next) {
      try {
        await db.send(
          new UpdateCommand({
            TableName: table,
            Key: keys.user(id),
            UpdateExpression: 'SET passwordHash = :next, updatedAt = :now',
            ConditionExpression: 'passwordHash = :expected',
            ExpressionAttributeValues: {
              ':next': next,
              ':expected': expected,
              ':now': new Date().toISOString(),
            },
          }),
        );
        return true;
      } catch (error) {
        if (isConditionFailed(error)) return false;
        throw error;
      }
    },
  };
}

function toRecord(item: Record<string, unknown>): UserRecord {
  return {
    id: String(item.id),
    email: String(item.email),
    name: String(item.name),
    role: item.role === 'admin' ? 'admin' : 'customer',
    createdAt: String(item.createdAt),
    passwordHash: String(item.passwordHash),
  };
}

function toUser(record: UserRecord): User {
  const { passwordHash: _hash, ...user } = record;
  return user;
}
