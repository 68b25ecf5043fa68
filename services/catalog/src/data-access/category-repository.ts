import { GetCommand, QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { cancellationCodes } from '@shopeasy/service-kit/aws';
import type { Category } from '../domain/model.js';
import type { CategoryStore } from '../domain/ports.js';
import { idOfKey } from '../domain/sort-keys.js';
import type { Table } from './dynamo.js';
import { categoryItem, categoryNameItem, fromCategoryItem, type Item } from './items.js';
import { CATEGORIES_INDEX, KEYS, PARTITIONS, PK } from './keys.js';

// A category never changes once created (the contract has no update or delete), so one read once
// is kept: a category page then costs one read, its products. Bounded, so memory stays flat.
const KNOWN_CATEGORIES = 10_000;

export function categoryRepository(table: Table): CategoryStore {
  const known = new Map<string, Category>();
  return {
    async createCategory(category, nameKey, sortKey) {
      try {
        await table.client.send(
          new TransactWriteCommand({
            TransactItems: [
              {
                Put: {
                  TableName: table.name,
                  Item: categoryNameItem(nameKey, category.id),
                  ConditionExpression: 'attribute_not_exists(#pk)',
                  ExpressionAttributeNames: { '#pk': PK },
                },
              },
              {
                Put: {
                  TableName: table.name,
                  Item: categoryItem(category, sortKey),
                  ConditionExpression: 'attribute_not_exists(#pk)',
                  ExpressionAttributeNames: { '#pk': PK },
                },
              },
            ],
          }),
        );
        return 'created';
      } catch (error) {
        if (cancellationCodes(error)?.[0] === 'ConditionalCheckFailed') return 'name-taken';
        throw error;
      }
    },

    async getCategory(id) {
      const cached = known.get(id);
      if (cached) return cached;
      const { Item: item } = await table.client.send(
        new GetCommand({ TableName: table.name, Key: KEYS.category(id) }),
      );
      if (!item) return undefined;
      const category = Object.freeze(stripSortKey(fromCategoryItem(item)));
      if (known.size < KNOWN_CATEGORIES) known.set(id, category);
      return category;
    },

    async listCategories({ limit, after }) {
      const items: Item[] = [];
      let start: Record<string, unknown> | undefined = after
        ? {
            ...KEYS.category(idOfKey(after)),
            [CATEGORIES_INDEX.pk]: PARTITIONS.allCategories,
            [CATEGORIES_INDEX.sk]: after,
          }
        : undefined;
      do {
        const result = await table.client.send(
          new QueryCommand({
            TableName: table.name,
            IndexName: CATEGORIES_INDEX.index,
            KeyConditionExpression: '#pk = :pk',
            ExpressionAttributeNames: { '#pk': CATEGORIES_INDEX.pk },
            ExpressionAttributeValues: { ':pk': PARTITIONS.allCategories },
            Limit: limit + 1 - items.length,
            ExclusiveStartKey: start,
          }),
        );
        items.push(...((result.Items ?? []) as Item[]));
        start = result.LastEvaluatedKey;
      } while (items.length <= limit && start);
      return { items: items.slice(0, limit).map(fromCategoryItem), more: items.length > limit };
    },
  };
}

function stripSortKey({ sortKey: _sortKey, ...category }: Category & { sortKey: string }): Category {
  return category;
}
