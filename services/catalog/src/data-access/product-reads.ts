import { QueryCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import type { Product, ProductRecord, TokenHit } from '../domain/model.js';
import type { ProductPageQuery, Slice } from '../domain/ports.js';
import { clampPrice, idOfKey, MAX_PRICE, priceKeyBounds, SORTS } from '../domain/sort-keys.js';
import { batchGet, type Table } from './dynamo.js';
import { fromTokenItem, TOKEN_HIT_ATTRIBUTES, type Item } from './items.js';
import { KEYS, LISTINGS, PARTITIONS, PK, SK, tokenPartition } from './keys.js';
import { fromListedItems, fromProductItems } from './product-items.js';

/** A term matching more tokens than this is cut off (search reads at most this many per word). */
export const MAX_TOKEN_HITS = 10_000;
/** Items read per request when a filter may drop many of them. */
const FILTERED_BATCH = 100;

/** The product and its LIVE item: one strongly consistent query of the product's partition. */
export async function getProduct(table: Table, id: string): Promise<ProductRecord | undefined> {
  const key = KEYS.product(id);
  const { Items: items = [] } = await table.client.send(
    new QueryCommand({
      TableName: table.name,
      KeyConditionExpression: '#pk = :pk',
      ExpressionAttributeNames: { '#pk': PK },
      ExpressionAttributeValues: { ':pk': key[PK] },
      ConsistentRead: true,
    }),
  );
  const bySk = new Map(items.map((item) => [item[SK] as string, item as Item]));
  return fromProductItems(bySk.get(key[SK]!), bySk.get(KEYS.live(id)[SK]!));
}

/** Both items of every product, in one BatchGetItem per 50 products (strongly consistent by default). */
export async function getProducts(table: Table, ids: string[], consistent = true): Promise<ProductRecord[]> {
  const unique = [...new Set(ids)];
  const items = await batchGet(
    table,
    unique.flatMap((id) => [KEYS.product(id), KEYS.live(id)]),
    consistent,
  );
  const byKey = new Map(items.map((item) => [`${item[PK] as string}|${item[SK] as string}`, item]));
  const find = (key: Record<string, string>) => byKey.get(`${key[PK]}|${key[SK]}`);
  return unique.flatMap((id) => fromProductItems(find(KEYS.product(id)), find(KEYS.live(id))) ?? []);
}

/** The LIVE items of a page's products, by product id; eventually consistent ("within seconds"). */
async function liveItems(table: Table, ids: string[]): Promise<Map<string, Item>> {
  if (ids.length === 0) return new Map();
  const items = await batchGet(
    table,
    ids.map((id) => KEYS.live(id)),
    false,
  );
  // By partition key, not `id`: the inventory consumer may write LIVE attributes of its own.
  const idOf = new Map(ids.map((id) => [KEYS.live(id)[PK], id]));
  return new Map(items.map((item) => [idOf.get(item[PK] as string) ?? '', item]));
}

/**
 * One page of a listing index. A price range on a price order is a key condition (BETWEEN);
 * on other orders it filters the items read. Reads one item more than asked to tell whether
 * another page follows.
 */
export async function listProducts(table: Table, query: ProductPageQuery): Promise<Slice<Product>> {
  const spec = SORTS[query.sort];
  const index = LISTINGS[query.scope.categoryId === undefined ? 'all' : 'category'][spec.key];
  const partition =
    query.scope.categoryId === undefined
      ? PARTITIONS.allProducts
      : PARTITIONS.category(query.scope.categoryId);
  // No product costs more than MAX_PRICE, and DynamoDB takes no number beyond a safe integer.
  if ((query.price.min ?? 0) > MAX_PRICE) return { items: [], more: false };
  const ranged = query.price.min !== undefined || query.price.max !== undefined;
  const bounds = priceKeyBounds(query.price);
  const byKey = ranged && spec.key === 'price';
  let after = query.after;
  if (byKey && after !== undefined) {
    // A cursor outside the range: before it, start at the range; past it, nothing is left.
    const before = spec.ascending ? after < bounds.from : after > bounds.to;
    const past = spec.ascending ? after > bounds.to : after < bounds.from;
    if (past) return { items: [], more: false };
    if (before) after = undefined;
  }
  const input: QueryCommandInput = {
    TableName: table.name,
    IndexName: index.index,
    KeyConditionExpression: byKey ? '#pk = :pk AND #sk BETWEEN :from AND :to' : '#pk = :pk',
    ExpressionAttributeNames: { '#pk': index.pk, ...(byKey ? { '#sk': index.sk } : {}) },
    ExpressionAttributeValues: {
      ':pk': partition,
      ...(byKey ? { ':from': bounds.from, ':to': bounds.to } : {}),
    },
    ScanIndexForward: spec.ascending,
  };
  if (ranged && !byKey) {
    input.FilterExpression = '#price BETWEEN :min AND :max';
    input.ExpressionAttributeNames = { ...input.ExpressionAttributeNames, '#price': 'priceAmount' };
    input.ExpressionAttributeValues = {
      ...input.ExpressionAttributeValues,
      ':min': query.price.min ?? 0,
      ':max': clampPrice(query.price.max ?? MAX_PRICE),
    };
  }
  const items: Item[] = [];
  let start: Record<string, unknown> | undefined =
    after === undefined
      ? undefined
      : { ...KEYS.product(idOfKey(after)), [index.pk]: partition, [index.sk]: after };
  do {
    const need = query.limit + 1 - items.length;
    const result = await table.client.send(
      new QueryCommand({
        ...input,
        Limit: input.FilterExpression ? Math.max(need, FILTERED_BATCH) : need,
        ExclusiveStartKey: start,
      }),
    );
    items.push(...((result.Items ?? []) as Item[]));
    start = result.LastEvaluatedKey;
  } while (items.length <= query.limit && start);
  // The index holds what a listing shows but stock and units in carts: those come from LIVE.
  const page = items.slice(0, query.limit);
  const live = await liveItems(
    table,
    page.map((item) => item.id as string),
  );
  return {
    items: page.map((item) => fromListedItems(item, live.get(item.id as string))),
    more: items.length > query.limit,
  };
}

/** Token hits of one word (`shoe#…`) or of every word starting with a prefix (`sho…`). */
export async function findTokens(table: Table, term: string, prefix: boolean): Promise<TokenHit[]> {
  const hits: TokenHit[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const result = await table.client.send(
      new QueryCommand({
        TableName: table.name,
        KeyConditionExpression: '#pk = :pk AND begins_with(#sk, :word)',
        ExpressionAttributeNames: {
          '#pk': PK,
          '#sk': SK,
          ...Object.fromEntries(TOKEN_HIT_ATTRIBUTES.map((name, i) => [`#a${i}`, name])),
        },
        ExpressionAttributeValues: { ':pk': tokenPartition(term), ':word': prefix ? term : `${term}#` },
        ProjectionExpression: TOKEN_HIT_ATTRIBUTES.map((_, i) => `#a${i}`).join(', '),
        ExclusiveStartKey: start,
      }),
    );
    hits.push(...((result.Items ?? []) as Item[]).map(fromTokenItem));
    start = result.LastEvaluatedKey;
  } while (start && hits.length < MAX_TOKEN_HITS);
  return hits;
}
